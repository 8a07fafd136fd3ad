package dev.fanout.notification.delivery;

/**
 * Where one delivery (one order event, one channel) stands.
 *
 * <pre>
 *   WAITING --(customer learned)--> PENDING | SKIPPED
 *   PENDING --(claimed, accepted, marked)--> SENT
 *   PENDING --(attempt failed, attempts left)--> PENDING (later)
 *   PENDING --(attempt failed permanently, or no attempts left)--> FAILED
 * </pre>
 *
 * SENT, SKIPPED and FAILED are final.
 */
public enum DeliveryStatus {
    /** A shipment arrived before any orders.v1 event of its order: the customer (so the recipient) is unknown. */
    WAITING,
    /** To be sent by the dispatcher (possibly claimed right now, or waiting for its next attempt). */
    PENDING,
    /** The provider accepted it; NotificationSent was added to the outbox in the same transaction. */
    SENT,
    /** Not sent on purpose (opted out, no phone number, stale event); no NotificationSent. */
    SKIPPED,
    /** Every attempt failed (or a permanent refusal): visible, counted, never sent by itself again. */
    FAILED;

    public boolean isFinal() {
        return this == SENT || this == SKIPPED || this == FAILED;
    }
}
