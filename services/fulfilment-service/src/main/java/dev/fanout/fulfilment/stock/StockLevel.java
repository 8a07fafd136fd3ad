package dev.fanout.fulfilment.stock;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** The stock of one SKU (table {@code stock_item}); its numbers always form valid {@link Quantities}. */
@Entity
@Table(name = "stock_item")
public class StockLevel extends PanacheEntityBase {

    @Id
    public String sku;

    @Column(nullable = false, updatable = false)
    public String name;

    @Column(nullable = false, updatable = false)
    public String category;

    /** Every unit ever received: the seed plus restocks. */
    @Column(name = "initial_quantity", nullable = false)
    public int initial;

    @Column(nullable = false)
    public int available;

    @Column(nullable = false)
    public int reserved;

    @Column(nullable = false)
    public int shipped;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public Quantities quantities() {
        return new Quantities(available, reserved, shipped, initial);
    }

    public void set(Quantities quantities, Instant at) {
        available = quantities.available();
        reserved = quantities.reserved();
        shipped = quantities.shipped();
        initial = quantities.initial();
        updatedAt = at;
    }

    /**
     * The rows of these SKUs (those that exist), locked for the rest of the transaction, by SKU. One query locks them
     * all in one fixed order (PostgreSQL locks rows as the ORDER BY returns them), so two transactions that need
     * overlapping SKUs queue behind each other instead of deadlocking, and nobody sees stock another transaction is
     * about to take.
     */
    public static Uni<Map<String, StockLevel>> lock(Collection<String> skus) {
        List<String> sorted = skus.stream().distinct().sorted().toList();
        if (sorted.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return StockLevel.<StockLevel>find("sku in ?1 order by sku", sorted)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list()
                .map(rows -> {
                    Map<String, StockLevel> bySku = new LinkedHashMap<>();
                    rows.forEach(row -> bySku.put(row.sku, row));
                    return bySku;
                });
    }
}
