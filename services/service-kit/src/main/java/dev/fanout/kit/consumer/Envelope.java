package dev.fanout.kit.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import dev.fanout.events.CloudEventHeaders;
import dev.fanout.events.EventType;
import dev.fanout.events.EventTypes;

/**
 * The CloudEvents attributes of a record, read from its {@code ce_*} headers. Anything missing or malformed makes
 * the record poison: it can never become a valid event, so retrying is pointless.
 */
record Envelope(UUID id, EventType<?> type, String source, Instant time, String subject) {

    static Envelope read(Headers headers, String topic) {
        String id = header(headers, CloudEventHeaders.ID);
        String type = header(headers, CloudEventHeaders.TYPE);
        if (id == null || type == null) {
            throw new PoisonEventException("not a CloudEvent: missing " + (id == null ? CloudEventHeaders.ID
                    : CloudEventHeaders.TYPE) + " header", null);
        }
        UUID eventId;
        try {
            eventId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new PoisonEventException(CloudEventHeaders.ID + " is not a UUID: '" + id + "'", null);
        }
        EventType<?> eventType = EventTypes.byType(type)
                .orElseThrow(() -> new PoisonEventException("unknown event type '" + type + "'", null));
        if (!eventType.topic().equals(topic)) {
            throw new PoisonEventException(type + " does not belong on " + topic + " (it lives on "
                    + eventType.topic() + ")", null);
        }
        Instant time = null;
        String timeHeader = header(headers, CloudEventHeaders.TIME);
        if (timeHeader != null) {
            try {
                time = Instant.parse(timeHeader);
            } catch (DateTimeParseException e) {
                throw new PoisonEventException(CloudEventHeaders.TIME + " is not an RFC 3339 time: '" + timeHeader
                        + "'", null);
            }
        }
        return new Envelope(eventId, eventType, header(headers, CloudEventHeaders.SOURCE), time,
                header(headers, CloudEventHeaders.SUBJECT));
    }

    static String header(Headers headers, String name) {
        Header header = headers == null ? null : headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
