package dev.fanout.order.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An Idempotency-Key seen on POST /orders: what the request looked like and which order it created. */
@Entity
@Table(name = "idempotency_key")
public class IdempotencyRecord extends PanacheEntityBase {

    public static final String PRIMARY_KEY = "idempotency_key_pkey";

    @Id
    public String key;

    @Column(name = "request_hash", nullable = false, updatable = false)
    public String requestHash;

    @Column(name = "order_id", nullable = false, updatable = false)
    public UUID orderId;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    public IdempotencyRecord() {
    }

    public IdempotencyRecord(String key, String requestHash, UUID orderId, Instant createdAt) {
        this.key = key;
        this.requestHash = requestHash;
        this.orderId = orderId;
        this.createdAt = createdAt;
    }
}
