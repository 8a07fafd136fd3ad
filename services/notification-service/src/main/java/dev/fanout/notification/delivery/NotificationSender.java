package dev.fanout.notification.delivery;

import io.smallrye.mutiny.Uni;

/**
 * The port every way of reaching a customer implements. The dispatcher calls it for one claimed delivery at a time.
 * <p>
 * An external sender ({@link #transactional()} false: SMTP, an SMS provider) is called outside any database
 * transaction and must complete within {@code fanout.notifications.dispatch.send-timeout}; it should hand
 * {@link OutgoingMessage#notificationId()} to the provider as an idempotency key (SMTP: the {@code Message-ID}), so
 * that the one duplicate the design allows (a crash after the provider accepted, before the delivery was marked) can
 * be dropped downstream. A transactional sender (the recording adapter) is called inside the transaction that marks
 * the delivery SENT, so its effect commits or rolls back with the mark: exactly once.
 * <p>
 * Failures: {@link PermanentSendException} (the provider refused this message for good) makes the delivery FAILED at
 * once; any other failure is retried with backoff until the attempts run out.
 */
public interface NotificationSender {

    /** For logs and receipts: {@code recording}, {@code smtp}. */
    String name();

    /** Whether {@link #send} writes in the caller's database transaction instead of reaching anything outside. */
    boolean transactional();

    /** Delivers the message; the item is the provider's receipt. */
    Uni<SendReceipt> send(OutgoingMessage message);
}
