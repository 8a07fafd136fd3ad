package dev.fanout.events.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** {@code fanout.stock.released.v1} on {@code inventory.v1}: a reservation went back to stock (the order failed). */
public record StockReleased(UUID orderId, List<StockItem> items, Instant releasedAt) {

    public StockReleased {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(releasedAt, "releasedAt");
        items = List.copyOf(items);
    }
}
