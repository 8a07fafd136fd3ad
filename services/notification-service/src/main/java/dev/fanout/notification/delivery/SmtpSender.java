package dev.fanout.notification.delivery;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.fanout.notification.contact.Masking;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.mail.SMTPException;

/**
 * Email over SMTP with the reactive mailer ({@code quarkus.mailer.*}: host, port, TLS, credentials, from). The
 * delivery id travels as the {@code Message-ID} ({@code <notification id@message-id-domain>}) and as
 * {@code X-Fanout-Notification-Id}: a message sent twice after a crash carries the same id both times, so a provider
 * or a mail client that deduplicates on it drops the copy. A permanent SMTP refusal (5xx) fails the delivery at once;
 * anything else (4xx, connection trouble, timeouts) is retried.
 */
@ApplicationScoped
public class SmtpSender implements NotificationSender {

    public static final String NOTIFICATION_ID_HEADER = "X-Fanout-Notification-Id";
    private static final Logger LOG = Logger.getLogger(SmtpSender.class);

    private final ReactiveMailer mailer;

    public SmtpSender(ReactiveMailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public String name() {
        return "smtp";
    }

    @Override
    public boolean transactional() {
        return false;
    }

    @Override
    public Uni<SendReceipt> send(OutgoingMessage message) {
        if (message.channel() != Channel.EMAIL) {
            return Uni.createFrom().failure(new PermanentSendException("the SMTP adapter sends email, not "
                    + message.channel()));
        }
        Mail mail = Mail.withText(message.recipient(), message.subject(), message.text())
                .addHeader("Message-ID", message.messageId())
                .addHeader(NOTIFICATION_ID_HEADER, message.notificationId());
        if (message.html() != null) {
            mail.setHtml(message.html());
        }
        return mailer.send(mail)
                .invoke(() -> LOG.infof("notification EMAIL %s accepted by SMTP for %s", message.notificationId(),
                        Masking.mask(message.recipient())))
                .replaceWith(new SendReceipt(message.messageId()))
                .onFailure(SmtpSender::permanent).transform(e -> new PermanentSendException(
                        "SMTP refused " + message.notificationId() + ": " + e.getMessage(), e));
    }

    static boolean permanent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SMTPException smtp) {
                return smtp.isPermanent();
            }
        }
        return false;
    }
}
