package dev.fanout.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.fanout.events.CloudEventHeaders;
import dev.fanout.events.EventJson;
import dev.fanout.events.EventType;

/**
 * Publishes events the way a producing service would (binary CloudEvents, JSON body, keyed by order id), or
 * records no service would ever write (poison), for consumer tests on a real broker.
 */
public final class EventPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    public EventPublisher(String bootstrap) {
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    /** Publishes {@code payload} as a new event; returns its event id. */
    public <T> UUID publish(EventType<T> type, Object key, T payload) {
        UUID id = UUID.randomUUID();
        publish(type, key, payload, id);
        return id;
    }

    /** Publishes with a given event id: the same id twice is a redelivery. */
    public <T> void publish(EventType<T> type, Object key, T payload, UUID eventId) {
        publish(type, key, payload, eventId, new String[0]);
    }

    /** Publishes with extra headers ({@code name, value, ...}), e.g. a W3C {@code traceparent}. */
    public <T> void publish(EventType<T> type, Object key, T payload, UUID eventId, String... extraHeaders) {
        RecordHeaders headers = new RecordHeaders();
        for (int i = 0; i + 1 < extraHeaders.length; i += 2) {
            add(headers, extraHeaders[i], extraHeaders[i + 1]);
        }
        add(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        add(headers, CloudEventHeaders.ID, eventId.toString());
        add(headers, CloudEventHeaders.TYPE, type.type());
        add(headers, CloudEventHeaders.SOURCE, "/fanout/tests");
        add(headers, CloudEventHeaders.TIME, Instant.now().toString());
        add(headers, CloudEventHeaders.SUBJECT, key.toString());
        add(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        send(new ProducerRecord<>(type.topic(), null, key.toString(),
                EventJson.encode(payload).getBytes(StandardCharsets.UTF_8), headers));
    }

    /** Any bytes with any headers: for poison records. {@code headers} alternate name, value. */
    public void publishRaw(String topic, String key, byte[] value, String... headers) {
        RecordHeaders recordHeaders = new RecordHeaders();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            add(recordHeaders, headers[i], headers[i + 1]);
        }
        send(new ProducerRecord<>(topic, null, key, value, recordHeaders));
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + record.topic(), e);
        }
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close();
    }
}
