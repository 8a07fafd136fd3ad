package dev.fanout.notification.delivery;

/**
 * One message as a sender gets it.
 *
 * @param notificationId the delivery id: the idempotency key for the provider
 * @param messageId      the email {@code Message-ID} built from it ({@code <notification id@domain>})
 * @param subject        email only (null for SMS)
 * @param html           email only (null for SMS)
 */
public record OutgoingMessage(String notificationId, String messageId, Channel channel, String recipient,
        String subject, String text, String html) {

    @Override
    public String toString() {
        // recipients stay out of logs unmasked
        return channel + " " + notificationId;
    }
}
