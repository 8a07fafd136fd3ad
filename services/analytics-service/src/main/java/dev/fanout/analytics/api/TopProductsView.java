package dev.fanout.analytics.api;

import java.util.ArrayList;
import java.util.List;

import dev.fanout.analytics.store.AnalyticsReads.TopData;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code GET /analytics/top-products}: SKUs by units ordered (OrderPlaced lines), most first. */
@RegisterForReflection(targets = { TopProductsView.class, TopProductsView.Product.class })
public record TopProductsView(int generation, int limit, List<Product> products) {

    public record Product(String sku, long units) {
    }

    static TopProductsView of(TopData data, int limit) {
        List<Product> products = new ArrayList<>();
        data.units().forEach((sku, units) -> products.add(new Product(sku, units)));
        return new TopProductsView(data.generation(), limit, products);
    }
}
