package dev.fanout.fulfilment.stock;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import dev.fanout.fulfilment.FulfilmentMetrics;
import dev.fanout.fulfilment.FulfilmentMetrics.Movement;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Stock as operators see it: every SKU's numbers, and restocking. */
@ApplicationScoped
public class Catalogue {

    private static final Logger LOG = Logger.getLogger(Catalogue.class);

    private final FulfilmentMetrics metrics;

    public Catalogue(FulfilmentMetrics metrics) {
        this.metrics = metrics;
    }

    public Uni<List<StockLevel>> all() {
        return Panache.withSession(() -> StockLevel.<StockLevel>listAll(io.quarkus.panache.common.Sort.by("sku")));
    }

    /** The SKU's stock, or null when it is not in the catalogue. */
    public Uni<StockLevel> find(String sku) {
        return Panache.withSession(() -> StockLevel.<StockLevel>findById(sku));
    }

    /**
     * Adds {@code units} received to the SKU: more available, more received in all. Null when the SKU is not in
     * the catalogue; a {@link Allocation.Violation} when the SKU would hold more than an int.
     */
    public Uni<StockLevel> restock(String sku, int units) {
        return Panache.withTransaction(() -> StockLevel.<StockLevel>findById(sku, LockModeType.PESSIMISTIC_WRITE)
                .invoke(level -> {
                    if (level != null) {
                        level.set(level.quantities().restock(units), Instant.now().truncatedTo(ChronoUnit.MICROS));
                    }
                }))
                .invoke(level -> {
                    if (level != null) {
                        metrics.units(Movement.RESTOCKED, units);
                        LOG.infof("%s restocked: +%d, %d available", sku, units, level.available);
                    }
                });
    }
}
