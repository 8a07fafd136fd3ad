package dev.fanout.billing.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.fanout.events.CloudEventHeaders;
import dev.fanout.events.EventJson;
import dev.fanout.events.EventType;
import dev.fanout.events.Topics;
import dev.fanout.testing.KafkaProbe;

/** What billing published on payments.v1 (and dead-lettered), read from the real broker. */
public final class PaymentsTopic {

    public static final String DLQ = "billing-service.orders.v1.dlq";
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaProbe kafka;

    public PaymentsTopic(KafkaProbe kafka) {
        this.kafka = kafka;
    }

    /** Every payments.v1 record of the order, once at least {@code expected} are there (and a second more). */
    public List<ConsumerRecord<String, String>> eventsOf(UUID orderId, int expected) {
        return kafka.awaitKey(Topics.PAYMENTS, orderId.toString(), expected, TIMEOUT);
    }

    /** The order's only payments.v1 event, decoded as {@code type}. */
    public <T> T onlyEvent(UUID orderId, EventType<T> type) {
        List<ConsumerRecord<String, String>> events = eventsOf(orderId, 1);
        assertThat(events).extracting(r -> KafkaProbe.header(r, CloudEventHeaders.TYPE)).containsExactly(type.type());
        return EventJson.decode(events.get(0).value(), type.payloadClass());
    }

    public List<String> typesOf(List<ConsumerRecord<String, String>> events) {
        return events.stream().map(r -> KafkaProbe.header(r, CloudEventHeaders.TYPE)).toList();
    }

    /** The one dead letter of {@code key}. */
    public ConsumerRecord<String, String> deadLetter(String key) {
        List<ConsumerRecord<String, String>> records = kafka.awaitKey(DLQ, key, 1, TIMEOUT);
        assertThat(records).hasSize(1);
        return records.get(0);
    }
}
