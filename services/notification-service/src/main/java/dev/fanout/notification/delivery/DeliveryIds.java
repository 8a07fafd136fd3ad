package dev.fanout.notification.delivery;

import java.util.UUID;

/**
 * The deterministic id of a delivery, which is also the {@code notificationId} of NotificationSent, the idempotency
 * key given to providers and the left-hand side of the email {@code Message-ID}:
 * {@code <order id>/<ce_type of the order event>/<CHANNEL>}, e.g.
 * {@code 0193a7c2-5d1e-7b3a-9f0e-1c2d3e4f5a6b/fanout.order.confirmed.v1/EMAIL}.
 * <p>
 * One per (order, lifecycle step, channel): the order lifecycle emits each step at most once per order, so a second
 * event about the same step (a re-publication under a new event id) maps to the same id and is not sent again.
 */
public final class DeliveryIds {

    private DeliveryIds() {
    }

    public static String of(UUID orderId, String about, Channel channel) {
        return orderId + "/" + about + "/" + channel.name();
    }

    /**
     * {@code <id@domain>}: the id only has characters RFC 5322 allows in a dot-atom (letters, digits, '-', '.',
     * '/'), so it needs no quoting.
     */
    public static String messageId(String deliveryId, String domain) {
        return "<" + deliveryId + "@" + domain + ">";
    }
}
