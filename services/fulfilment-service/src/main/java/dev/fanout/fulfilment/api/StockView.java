package dev.fanout.fulfilment.api;

import java.time.Instant;

import dev.fanout.fulfilment.stock.StockLevel;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One SKU's stock: {@code available + reserved + shipped = initial} always ({@code initial}: every unit received,
 * the seed plus restocks).
 */
// native images: written by Jackson by reflection, also inside Uni<List<StockView>>
@RegisterForReflection
public record StockView(String sku, String name, String category, int available, int reserved, int shipped,
        int initial, Instant updatedAt) {

    public static StockView of(StockLevel level) {
        return new StockView(level.sku, level.name, level.category, level.available, level.reserved, level.shipped,
                level.initial, level.updatedAt);
    }
}
