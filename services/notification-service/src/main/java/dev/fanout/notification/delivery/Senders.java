package dev.fanout.notification.delivery;

import jakarta.enterprise.context.ApplicationScoped;

import dev.fanout.notification.NotificationSettings;
import dev.fanout.notification.NotificationSettings.SenderKind;

/**
 * Which adapter sends which channel: email through {@code fanout.notifications.sender} (recording or smtp); SMS
 * through the recording adapter (there is no SMS provider adapter in this blueprint: one would implement
 * {@link NotificationSender} and be chosen here).
 */
@ApplicationScoped
public class Senders {

    private final SenderKind email;
    private final RecordingSender recording;
    private final SmtpSender smtp;

    public Senders(NotificationSettings settings, RecordingSender recording, SmtpSender smtp) {
        this.email = settings.sender();
        this.recording = recording;
        this.smtp = smtp;
    }

    public NotificationSender forChannel(Channel channel) {
        return channel == Channel.EMAIL && email == SenderKind.SMTP ? smtp : recording;
    }
}
