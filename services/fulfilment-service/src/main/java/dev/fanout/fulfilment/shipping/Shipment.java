package dev.fanout.fulfilment.shipping;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** A dispatched order: which carrier took it, under which tracking number. At most one per order. */
@Entity
@Table(name = "shipment")
public class Shipment extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "order_id", nullable = false, updatable = false)
    public UUID orderId;

    @Column(nullable = false, updatable = false)
    public String carrier;

    @Column(name = "tracking_number", nullable = false, updatable = false)
    public String trackingNumber;

    @Column(name = "dispatched_at", nullable = false, updatable = false)
    public Instant dispatchedAt;

    public static Uni<Shipment> forOrder(UUID orderId) {
        return Shipment.<Shipment>find("orderId", orderId).firstResult();
    }
}
