package dev.fanout.kit.outbox;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.fanout.events.EventJson;
import dev.fanout.events.EventType;
import dev.fanout.kit.Ids;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.smallrye.mutiny.Uni;

/**
 * Adds events to the outbox inside the caller's transaction. Nothing is published here: the row commits (or rolls
 * back) with the business change, and {@link OutboxRelay} publishes it afterwards. Callers that change an aggregate
 * must write (and so lock) the aggregate row before adding its events, which keeps each key's events in id order.
 */
@ApplicationScoped
public class Outbox {

    private final OutboxSettings settings;

    public Outbox(OutboxSettings settings) {
        this.settings = settings;
    }

    /** Adds {@code payload} as a {@code type} event keyed (and subjected) by {@code aggregateId}. */
    public <T> Uni<OutboxEvent> add(EventType<T> type, Object aggregateId, T payload, Instant occurredAt) {
        OutboxEvent event = new OutboxEvent();
        event.eventId = Ids.newId();
        event.eventType = type.type();
        event.topic = type.topic();
        event.messageKey = aggregateId.toString();
        event.subject = aggregateId.toString();
        event.source = settings.source();
        event.occurredAt = occurredAt;
        event.payload = EventJson.encode(payload);
        event.traceParent = traceParent();
        event.createdAt = Instant.now();
        return event.persist();
    }

    /** The id a caller can report (e.g. in logs) for an event it just added. */
    public static UUID idOf(OutboxEvent event) {
        return event.eventId;
    }

    /**
     * The W3C {@code traceparent} of the work adding the event (the POST, or the consumer handling the previous
     * event), so the relay can carry the trace across the Kafka hop; null when tracing is off.
     */
    static String traceParent() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
    }
}
