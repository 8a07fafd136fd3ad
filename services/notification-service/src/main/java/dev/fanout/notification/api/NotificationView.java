package dev.fanout.notification.api;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.fanout.notification.delivery.Channel;
import dev.fanout.notification.delivery.Delivery;
import dev.fanout.notification.delivery.DeliveryStatus;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One delivery as {@code GET /notifications} shows it: the recipient masked, never in full.
 *
 * @param notificationId the delivery id ({@code <order id>/<about>/<CHANNEL>}), NotificationSent's notificationId
 * @param detail         why it was skipped, why the last attempt failed, or why it waits
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record NotificationView(String notificationId, UUID orderId, String customerId, Channel channel, String about,
        UUID aboutEventId, DeliveryStatus status, String recipient, String subject, String text, String detail,
        int attempts, Instant createdAt, Instant lastAttemptAt, Instant nextAttemptAt, Instant sentAt) {

    public static NotificationView of(Delivery d) {
        return new NotificationView(d.id, d.orderId, d.customerId, d.channel, d.about, d.aboutEventId, d.status,
                d.recipientMasked, d.subject, d.body, d.detail, d.attempts, d.createdAt, d.attemptedAt,
                d.status == DeliveryStatus.PENDING ? d.nextAttemptAt : null, d.sentAt);
    }
}
