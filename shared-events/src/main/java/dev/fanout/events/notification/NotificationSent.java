package dev.fanout.events.notification;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code fanout.notification.sent.v1} on {@code notifications.v1}: a customer was told about an order event.
 *
 * @param notificationId  unique per (order event, channel): the sender's idempotency key
 * @param channel         {@code EMAIL} or {@code SMS} (new channels may appear)
 * @param about           the CloudEvents type of the order event the message was about
 * @param aboutEventId    that event's id
 * @param recipient       where it went, masked ({@code c***@example.com}, {@code +44*******123})
 */
public record NotificationSent(UUID orderId, String notificationId, String customerId, String channel, String about,
        UUID aboutEventId, String recipient, Instant sentAt) {

    public NotificationSent {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(notificationId, "notificationId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(about, "about");
        Objects.requireNonNull(sentAt, "sentAt");
    }
}
