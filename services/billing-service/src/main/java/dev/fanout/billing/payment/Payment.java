package dev.fanout.billing.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import dev.fanout.billing.payment.PaymentRules.Charge;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * An order's payment as billing owns it. The primary key is the order id: one order, one payment, ever. Every
 * status change goes through {@link PaymentRules#checkTransition}.
 */
@Entity
@Table(name = "payment")
public class Payment extends PanacheEntityBase {

    /** The primary key's constraint: a concurrent insert for the same order fails on it. */
    public static final String PRIMARY_KEY = "payment_pkey";

    @Id
    @Column(name = "order_id")
    public UUID orderId;

    @Column(name = "customer_id", nullable = false)
    public String customerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PaymentStatus status;

    @Column(columnDefinition = "char(3)")
    public String currency;

    public BigDecimal amount;

    @Column(name = "authorization_id")
    public String authorizationId;

    @Column(name = "decline_reason")
    public String declineReason;

    @Column(name = "decline_message")
    public String declineMessage;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "authorized_at")
    public Instant authorizedAt;

    @Column(name = "declined_at")
    public Instant declinedAt;

    @Column(name = "voided_at")
    public Instant voidedAt;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    /** Optimistic lock, beside the row lock the service takes: two changes of one payment never both commit. */
    @Version
    public long version;

    public static Payment authorized(UUID orderId, Charge charge, String authorizationId, Instant at) {
        Payment payment = create(orderId, charge, PaymentStatus.AUTHORIZED, at);
        payment.authorizationId = authorizationId;
        payment.authorizedAt = at;
        return payment;
    }

    public static Payment declined(UUID orderId, Charge charge, String reason, String message, Instant at) {
        Payment payment = create(orderId, charge, PaymentStatus.DECLINED, at);
        payment.declineReason = reason;
        payment.declineMessage = message;
        payment.declinedAt = at;
        return payment;
    }

    /** The tombstone of an order rejected before billing saw it placed; what it was worth may be unknown. */
    public static Payment cancelled(UUID orderId, String customerId, String currency, BigDecimal amount, Instant at) {
        PaymentRules.checkTransition(null, PaymentStatus.CANCELLED);
        Payment payment = new Payment();
        payment.orderId = orderId;
        payment.customerId = customerId;
        payment.currency = currency;
        payment.amount = amount;
        payment.status = PaymentStatus.CANCELLED;
        payment.createdAt = at;
        payment.updatedAt = at;
        payment.cancelledAt = at;
        return payment;
    }

    /** A tombstone's late OrderPlaced: declined, never sent to the gateway. */
    public void declineAsCancelled(Charge charge, String message, Instant at) {
        moveTo(PaymentStatus.DECLINED, at);
        customerId = charge.customerId();
        currency = charge.currency();
        amount = charge.amount();
        declineReason = PaymentRules.ORDER_CANCELLED;
        declineMessage = message;
        declinedAt = at;
    }

    public void markVoided(Instant at) {
        moveTo(PaymentStatus.VOIDED, at);
        voidedAt = at;
    }

    /** What this payment charged, or null for a tombstone that never learnt it. */
    public Charge charge() {
        return currency == null || amount == null ? null : new Charge(customerId, currency, amount);
    }

    private void moveTo(PaymentStatus next, Instant at) {
        PaymentRules.checkTransition(status, next);
        status = next;
        updatedAt = at;
    }

    private static Payment create(UUID orderId, Charge charge, PaymentStatus status, Instant at) {
        PaymentRules.checkTransition(null, status);
        Payment payment = new Payment();
        payment.orderId = orderId;
        payment.customerId = charge.customerId();
        payment.currency = charge.currency();
        payment.amount = charge.amount();
        payment.status = status;
        payment.createdAt = at;
        payment.updatedAt = at;
        return payment;
    }
}
