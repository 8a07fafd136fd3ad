package dev.fanout.notification.delivery;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.fanout.notification.contact.Masking;
import io.smallrye.mutiny.Uni;

/**
 * The default adapter: "sends" by storing the message in {@code recorded_message} and logging it (recipient
 * masked). It writes in the transaction that marks the delivery SENT, so a message is recorded exactly once: a crash
 * before that commit records nothing, and the retry records it then.
 */
@ApplicationScoped
public class RecordingSender implements NotificationSender {

    private static final Logger LOG = Logger.getLogger(RecordingSender.class);

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public boolean transactional() {
        return true;
    }

    @Override
    public Uni<SendReceipt> send(OutgoingMessage message) {
        RecordedMessage recorded = new RecordedMessage();
        recorded.deliveryId = message.notificationId();
        recorded.channel = message.channel();
        recorded.recipient = message.recipient();
        recorded.subject = message.subject();
        recorded.body = message.text();
        recorded.htmlBody = message.html();
        recorded.messageId = message.messageId();
        recorded.recordedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return recorded.persist().map(ignored -> {
            LOG.infof("notification %s %s to %s: %s", message.channel(), message.notificationId(),
                    Masking.mask(message.recipient()),
                    message.subject() != null ? message.subject() : message.text());
            return new SendReceipt("recorded:" + message.notificationId());
        });
    }
}
