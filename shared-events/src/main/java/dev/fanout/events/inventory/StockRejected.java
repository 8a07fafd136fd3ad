package dev.fanout.events.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code fanout.stock.rejected.v1} on {@code inventory.v1}: the order cannot be reserved in full, so nothing was.
 * {@code reason}: {@code OUT_OF_STOCK}, {@code UNKNOWN_SKU} or {@code ORDER_CANCELLED} (new codes may appear);
 * {@code shortages} lists each line that could not be served.
 */
public record StockRejected(UUID orderId, String reason, String message, List<Shortage> shortages,
        Instant rejectedAt) {

    public StockRejected {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(rejectedAt, "rejectedAt");
        shortages = shortages == null ? List.of() : List.copyOf(shortages);
    }

    /** {@code requested} units of {@code sku} asked for, {@code available} in stock (0 for an unknown SKU). */
    public record Shortage(String sku, int requested, int available) {
    }
}
