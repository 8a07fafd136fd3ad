package dev.fanout.order.observability;

import static dev.fanout.order.support.Orders.customer;
import static dev.fanout.order.support.Orders.place;
import static dev.fanout.testing.KafkaProbe.header;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.fanout.events.CloudEventHeaders;
import dev.fanout.events.EventTypes;
import dev.fanout.events.Topics;
import dev.fanout.events.inventory.StockItem;
import dev.fanout.events.inventory.StockReserved;
import dev.fanout.events.payment.PaymentAuthorized;
import dev.fanout.testing.EventPublisher;
import dev.fanout.testing.KafkaProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With tracing switched on, the W3C trace context travels with the order: the POST starts a trace whose context
 * the OrderPlaced record carries, and an answer's trace continues into the event the saga emits because of it.
 */
@QuarkusTest
@TestProfile(TracePropagationTest.TracingOn.class)
class TracePropagationTest {

    public static class TracingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // traces are made and propagated; nobody collects them in this test
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.traces.exporter", "none");
        }
    }

    static final String TRACEPARENT = "traceparent";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void thePostsTraceTravelsWithOrderPlacedAndAnswersCarryTheirsIntoTheNextEvent() {
        try (KafkaProbe kafka = new KafkaProbe(bootstrap); EventPublisher publisher = new EventPublisher(bootstrap)) {
            UUID order = UUID.fromString(place(customer()));
            ConsumerRecord<String, String> placed = kafka.awaitKey(Topics.ORDERS, order.toString(), 1,
                    Duration.ofSeconds(30)).get(0);
            assertThat(header(placed, TRACEPARENT)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");

            String traceId = UUID.randomUUID().toString().replace("-", "");
            String upstream = "00-" + traceId + "-00f067aa0ba902b7-01";
            publisher.publish(EventTypes.STOCK_RESERVED, order, new StockReserved(order,
                    List.of(new StockItem("BOOK-0001", 2)), Instant.now()), UUID.randomUUID(), TRACEPARENT, upstream);
            publisher.publish(EventTypes.PAYMENT_AUTHORIZED, order, new PaymentAuthorized(order, "auth-" + order, "c",
                    "GBP", new BigDecimal("33.99"), Instant.now()), UUID.randomUUID(), TRACEPARENT, upstream);

            List<ConsumerRecord<String, String>> events = kafka.awaitKey(Topics.ORDERS, order.toString(), 2,
                    Duration.ofSeconds(30));
            ConsumerRecord<String, String> confirmed = events.stream()
                    .filter(r -> "fanout.order.confirmed.v1".equals(header(r, CloudEventHeaders.TYPE))).findFirst()
                    .orElseThrow();
            assertThat(header(confirmed, TRACEPARENT)).startsWith("00-" + traceId + "-")
                    .doesNotEndWith("00f067aa0ba902b7-01");
        }
    }
}
