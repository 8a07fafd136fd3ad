package dev.fanout.events.inventory;

import java.util.Objects;

/** A quantity of one SKU, as reserved, released or shipped. */
public record StockItem(String sku, int quantity) {

    public StockItem {
        Objects.requireNonNull(sku, "sku");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be positive");
        }
    }
}
