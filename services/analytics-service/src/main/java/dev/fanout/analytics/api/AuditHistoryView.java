package dev.fanout.analytics.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

import dev.fanout.analytics.audit.AuditEntry;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code GET /audit/orders/{id}}: every event of one order across every service, in event time order. */
@RegisterForReflection(targets = { AuditHistoryView.class, AuditHistoryView.Event.class })
public record AuditHistoryView(UUID orderId, int count, boolean truncated, List<Event> events) {

    /** One event: its envelope, where it was read, when it was recorded, and its body exactly as it arrived. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(UUID eventId, String type, String source, String subject, String key, String topic,
            int partition, long offset, Instant time, Instant recordedAt, @JsonRawValue String payload) {
    }

    static AuditHistoryView of(UUID orderId, List<AuditEntry> entries, int limit) {
        boolean truncated = entries.size() > limit;
        List<Event> events = entries.stream().limit(limit)
                .map(e -> new Event(e.eventId(), e.type(), e.source(), e.subject(), e.key(), e.topic(),
                        e.partition(), e.offset(), e.time(), e.recordedAt(), e.payload()))
                .toList();
        return new AuditHistoryView(orderId, events.size(), truncated, events);
    }
}
