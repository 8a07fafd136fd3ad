package dev.fanout.notification.delivery;

import java.util.UUID;

/**
 * A delivery this instance claimed for one attempt: its content, and the attempt number that fences the outcome
 * (only the holder of the latest attempt may mark it).
 *
 * @param wasInFlight the previous attempt never reported back (crash or hang): this attempt is a recovery
 */
public record Claimed(String id, UUID orderId, Channel channel, String recipient, String subject, String text,
        String html, int attempt, boolean wasInFlight) {

    public OutgoingMessage message(String messageIdDomain) {
        return new OutgoingMessage(id, DeliveryIds.messageId(id, messageIdDomain), channel, recipient, subject, text,
                html);
    }
}
