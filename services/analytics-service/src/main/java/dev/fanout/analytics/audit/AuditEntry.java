package dev.fanout.analytics.audit;

import java.time.Instant;
import java.util.UUID;

/** One event of the audit trail, as stored; {@code payload} is the JSON body as it arrived. */
public record AuditEntry(UUID eventId, String type, String source, String subject, String key, String topic,
        int partition, long offset, Instant time, Instant recordedAt, String payload) {
}
