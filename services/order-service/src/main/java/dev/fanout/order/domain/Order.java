package dev.fanout.order.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import dev.fanout.order.saga.OrderLifecycle;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An order as order-service owns it. */
@Entity
@Table(name = "customer_order")
public class Order extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "customer_id", nullable = false, updatable = false)
    public String customerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OrderStatus status;

    @Column(nullable = false, updatable = false, columnDefinition = "char(3)")
    public String currency;

    @Column(nullable = false, updatable = false)
    public BigDecimal total;

    @Column(name = "placed_at", nullable = false, updatable = false)
    public Instant placedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "payment_status", nullable = false)
    public OrderLifecycle.Step paymentStatus = OrderLifecycle.Step.PENDING;

    @Column(name = "authorization_id")
    public String authorizationId;

    @Enumerated(EnumType.STRING)
    @Column(name = "stock_status", nullable = false)
    public OrderLifecycle.Step stockStatus = OrderLifecycle.Step.PENDING;

    @Column(name = "rejection_stage")
    public String rejectionStage;

    @Column(name = "rejection_code")
    public String rejectionCode;

    @Column(name = "rejection_message")
    public String rejectionMessage;

    @Column(name = "confirmed_at")
    public Instant confirmedAt;

    @Column(name = "rejected_at")
    public Instant rejectedAt;

    @Column(name = "shipment_id")
    public String shipmentId;

    public String carrier;

    @Column(name = "tracking_number")
    public String trackingNumber;

    @Column(name = "shipped_at")
    public Instant shippedAt;

    /** Optimistic lock: two concurrent status changes of one order cannot both commit (nor both emit events). */
    @Version
    public long version;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "order_line", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "line_no")
    public List<OrderLine> lines = new ArrayList<>();

    public OrderLifecycle.State lifecycle() {
        return new OrderLifecycle.State(status, paymentStatus, stockStatus);
    }

    public void moveTo(OrderLifecycle.State state, Instant at) {
        status = state.status();
        paymentStatus = state.payment();
        stockStatus = state.stock();
        updatedAt = at;
    }
}
