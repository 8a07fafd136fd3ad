package dev.fanout.notification.delivery;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Enumerated;
import jakarta.persistence.EnumType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** What the recording adapter "sent" (table {@code recorded_message}): one row per delivery, at most. */
@Entity
@Table(name = "recorded_message")
public class RecordedMessage extends PanacheEntityBase {

    @Id
    @Column(name = "delivery_id")
    public String deliveryId;

    @Enumerated(EnumType.STRING)
    public Channel channel;

    public String recipient;

    public String subject;

    public String body;

    @Column(name = "html_body")
    public String htmlBody;

    @Column(name = "message_id")
    public String messageId;

    @Column(name = "recorded_at")
    public Instant recordedAt;
}
