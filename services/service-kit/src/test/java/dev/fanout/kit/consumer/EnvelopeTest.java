package dev.fanout.kit.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import dev.fanout.events.EventTypes;

class EnvelopeTest {

    private static RecordHeaders headers(String... pairs) {
        RecordHeaders headers = new RecordHeaders();
        for (int i = 0; i < pairs.length; i += 2) {
            headers.add(pairs[i], pairs[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }

    @Test
    void readsTheCloudEventsAttributes() {
        UUID id = UUID.randomUUID();
        Envelope envelope = Envelope.read(headers("ce_id", id.toString(), "ce_type", "fanout.order.placed.v1",
                "ce_source", "/fanout/order-service", "ce_time", "2026-11-26T10:00:00Z", "ce_subject", "o-1"),
                "orders.v1");

        assertThat(envelope).isEqualTo(new Envelope(id, EventTypes.ORDER_PLACED, "/fanout/order-service",
                Instant.parse("2026-11-26T10:00:00Z"), "o-1"));
    }

    @Test
    void somethingThatIsNotOneOfOurEventsIsPoison() {
        String id = UUID.randomUUID().toString();
        assertThatThrownBy(() -> Envelope.read(headers(), "orders.v1")).isInstanceOf(PoisonEventException.class)
                .hasMessage("not a CloudEvent: missing ce_id header");
        assertThatThrownBy(() -> Envelope.read(headers("ce_id", "42", "ce_type", "fanout.order.placed.v1"),
                "orders.v1")).hasMessage("ce_id is not a UUID: '42'");
        assertThatThrownBy(() -> Envelope.read(headers("ce_id", id, "ce_type", "fanout.order.exploded.v1"),
                "orders.v1")).hasMessage("unknown event type 'fanout.order.exploded.v1'");
        assertThatThrownBy(() -> Envelope.read(headers("ce_id", id, "ce_type", "fanout.payment.voided.v1"),
                "orders.v1")).hasMessage("fanout.payment.voided.v1 does not belong on orders.v1 (it lives on payments.v1)");
        assertThatThrownBy(() -> Envelope.read(headers("ce_id", id, "ce_type", "fanout.order.placed.v1",
                "ce_time", "yesterday"), "orders.v1")).hasMessageContaining("not an RFC 3339 time");
    }
}
