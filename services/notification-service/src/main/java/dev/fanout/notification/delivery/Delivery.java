package dev.fanout.notification.delivery;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * One message about one order event on one channel (table {@code delivery}): planned in the consumer's
 * transaction, sent by the dispatcher. Its id ({@link DeliveryIds}) is deterministic, so the same order step can
 * never be planned twice.
 */
@Entity
@Table(name = "delivery")
public class Delivery extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "order_id")
    public UUID orderId;

    /** ce_type of the order event this is about. */
    public String about;

    @Column(name = "about_event_id")
    public UUID aboutEventId;

    @Enumerated(EnumType.STRING)
    public Channel channel;

    /** Null while WAITING (a shipment seen before any event of its order). */
    @Column(name = "customer_id")
    public String customerId;

    /** Full address or number: only the dispatcher reads it; everything shown outside uses the masked one. */
    public String recipient;

    @Column(name = "recipient_masked")
    public String recipientMasked;

    public String subject;

    public String body;

    @Column(name = "html_body")
    public String htmlBody;

    @Enumerated(EnumType.STRING)
    public DeliveryStatus status;

    /** Why it was skipped, why the last attempt failed, or why it is waiting. */
    public String detail;

    public int attempts;

    /** Claimed and not reported back yet (a lease until next_attempt_at). */
    @Column(name = "in_flight")
    public boolean inFlight;

    @Column(name = "attempted_at")
    public Instant attemptedAt;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    /** When the order event happened (its ce_time). */
    @Column(name = "occurred_at")
    public Instant occurredAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "provider_id")
    public String providerId;
}
