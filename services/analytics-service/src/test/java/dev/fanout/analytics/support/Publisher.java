package dev.fanout.analytics.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import dev.fanout.events.CloudEventHeaders;
import dev.fanout.events.EventJson;
import dev.fanout.events.EventType;
import dev.fanout.testing.EventPublisher;

/** Publishes events as their producers would, with the event id and ce_time a test chooses. */
public final class Publisher implements AutoCloseable {

    private final EventPublisher publisher;

    public Publisher(String bootstrap) {
        this.publisher = new EventPublisher(bootstrap);
    }

    /** A new event; returns its id. */
    public <T> UUID publish(EventType<T> type, UUID order, T payload) {
        return publisher.publish(type, order, payload);
    }

    /** With a given id: the same id twice is a redelivery. */
    public <T> UUID publish(EventType<T> type, UUID order, T payload, UUID eventId) {
        publisher.publish(type, order, payload, eventId);
        return eventId;
    }

    /** With a given id and ce_time. */
    public <T> UUID publishAt(EventType<T> type, UUID order, T payload, UUID eventId, Instant ceTime) {
        return publishJson(type, order, EventJson.encode(payload), eventId, ceTime);
    }

    /** A body as some producer wrote it (a golden sample), with the envelope a producer sets. */
    public UUID publishJson(EventType<?> type, UUID order, String json, UUID eventId, Instant ceTime) {
        publisher.publishRaw(type.topic(), order.toString(), json.getBytes(StandardCharsets.UTF_8),
                CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE,
                CloudEventHeaders.ID, eventId.toString(),
                CloudEventHeaders.TYPE, type.type(),
                CloudEventHeaders.SOURCE, "/fanout/tests",
                CloudEventHeaders.TIME, ceTime.toString(),
                CloudEventHeaders.SUBJECT, order.toString(),
                CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return eventId;
    }

    /** Anything at all (poison). {@code headers} alternate name, value. */
    public void publishRaw(String topic, String key, String value, String... headers) {
        publisher.publishRaw(topic, key, value.getBytes(StandardCharsets.UTF_8), headers);
    }

    @Override
    public void close() {
        publisher.close();
    }
}
