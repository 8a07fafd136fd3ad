package dev.fanout.events.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** {@code fanout.stock.reserved.v1} on {@code inventory.v1}: every line of the order is set aside. */
public record StockReserved(UUID orderId, List<StockItem> items, Instant reservedAt) {

    public StockReserved {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(reservedAt, "reservedAt");
        items = List.copyOf(items);
    }
}
