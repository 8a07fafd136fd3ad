package dev.fanout.fulfilment.events;

import static dev.fanout.fulfilment.support.StockStore.TIMEOUT;
import static dev.fanout.testing.KafkaProbe.header;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fanout.events.CloudEventHeaders;
import dev.fanout.events.EventJson;
import dev.fanout.events.EventType;
import dev.fanout.events.EventTypes;
import dev.fanout.events.Topics;
import dev.fanout.events.golden.GoldenSamples;
import dev.fanout.events.golden.GoldenSamples.Sample;
import dev.fanout.events.order.OrderConfirmed;
import dev.fanout.events.order.OrderPlaced;
import dev.fanout.events.order.OrderRejected;
import dev.fanout.fulfilment.support.Orders;
import dev.fanout.fulfilment.support.StockStore;
import dev.fanout.testing.EventPublisher;
import dev.fanout.testing.KafkaProbe;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Consumer-side contract: every golden sample of the events fulfilment consumes, exactly as some released producer
 * wrote it (unknown fields included), is read by the real pipeline and acted on. Each sample is sent under an order
 * id of this run (the samples' own ids would collide with earlier runs), otherwise byte for byte.
 */
@QuarkusTest
class OrderEventsContractTest {

    @Inject
    StockStore store;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    EventPublisher publisher;
    KafkaProbe kafka;

    @BeforeEach
    void connect() {
        publisher = new EventPublisher(bootstrap);
        kafka = new KafkaProbe(bootstrap);
    }

    @AfterEach
    void disconnect() {
        publisher.close();
        kafka.close();
        assertThat(store.unbalancedSkus()).isEmpty();
    }

    @Test
    void thereAreSamplesOfEveryTypeWeConsume() {
        for (EventType<?> type : List.of(EventTypes.ORDER_PLACED, EventTypes.ORDER_REJECTED,
                EventTypes.ORDER_CONFIRMED)) {
            assertThat(GoldenSamples.of(type)).as(type.type()).isNotEmpty();
            GoldenSamples.of(type).forEach(sample -> assertThat(EventJson.decode(sample.bytes(),
                    type.payloadClass())).as(sample.path()).isNotNull());
        }
    }

    @Test
    void everyOrderPlacedSampleIsAnswered() {
        for (Sample sample : GoldenSamples.of(EventTypes.ORDER_PLACED)) {
            UUID order = UUID.randomUUID();
            send(sample, order);

            ConsumerRecord<String, String> answer = only(Topics.INVENTORY, order);
            // the tolerant-reader sample orders the scarce LAMP-0007, which earlier runs may have sold out
            assertThat(header(answer, CloudEventHeaders.TYPE)).as(sample.path())
                    .isIn(EventTypes.STOCK_RESERVED.type(), EventTypes.STOCK_REJECTED.type());
            if (header(answer, CloudEventHeaders.TYPE).equals(EventTypes.STOCK_REJECTED.type())) {
                assertThat(answer.value()).as(sample.path()).contains("OUT_OF_STOCK");
            }
            assertThat(store.status(order)).as(sample.path()).isIn("RESERVED", "REJECTED");

            // give the stock back: the scarce LAMP-0007 is shared with other tests of this database
            UUID rejection = publisher.publish(EventTypes.ORDER_REJECTED, order, Orders.rejected(order));
            store.awaitConsumed(rejection);
            assertThat(store.status(order)).as(sample.path()).isIn("RELEASED", "REJECTED");
        }
    }

    @Test
    void everyOrderRejectedSampleReleasesAReservation() {
        for (Sample sample : GoldenSamples.of(EventTypes.ORDER_REJECTED)) {
            UUID order = UUID.randomUUID();
            send(placedSample(), order);
            store.awaitStatus(order, "RESERVED");

            send(sample, order);

            store.awaitStatus(order, "RELEASED");
            assertThat(kafka.awaitKey(Topics.INVENTORY, order.toString(), 2, TIMEOUT))
                    .extracting(r -> header(r, CloudEventHeaders.TYPE)).as(sample.path())
                    .containsExactly(EventTypes.STOCK_RESERVED.type(), EventTypes.STOCK_RELEASED.type());
        }
    }

    @Test
    void everyOrderConfirmedSampleDispatchesAReservation() {
        for (Sample sample : GoldenSamples.of(EventTypes.ORDER_CONFIRMED)) {
            UUID order = UUID.randomUUID();
            send(placedSample(), order);
            send(sample, order);

            store.awaitStatus(order, "DISPATCHED");
            assertThat(only(Topics.SHIPMENTS, order)).as(sample.path()).isNotNull();
        }
    }

    /** The initial OrderPlaced sample: BOOK-0001 and MUG-0042, both with deep stock. */
    private static Sample placedSample() {
        return GoldenSamples.of(EventTypes.ORDER_PLACED).stream().filter(s -> !s.tolerantReader()).findFirst()
                .orElseThrow();
    }

    /** Publishes the sample's bytes as its producer would, under {@code order} instead of the sample's order id. */
    private void send(Sample sample, UUID order) {
        UUID sampleOrder = switch (sample.eventType().type()) {
            case "fanout.order.placed.v1" -> EventJson.decode(sample.json(), OrderPlaced.class).orderId();
            case "fanout.order.rejected.v1" -> EventJson.decode(sample.json(), OrderRejected.class).orderId();
            case "fanout.order.confirmed.v1" -> EventJson.decode(sample.json(), OrderConfirmed.class).orderId();
            default -> throw new IllegalArgumentException("not consumed by fulfilment: " + sample);
        };
        assertThat(sample.json()).contains(sampleOrder.toString());
        String json = sample.json().replace(sampleOrder.toString(), order.toString());
        publisher.publishRaw(sample.eventType().topic(), order.toString(),
                json.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE,
                CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.TYPE, sample.eventType().type(),
                CloudEventHeaders.SOURCE, "/fanout/order-service",
                CloudEventHeaders.TIME, java.time.Instant.now().toString(),
                CloudEventHeaders.SUBJECT, order.toString(),
                CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
    }

    private ConsumerRecord<String, String> only(String topic, UUID order) {
        List<ConsumerRecord<String, String>> records = kafka.awaitKey(topic, order.toString(), 1, TIMEOUT);
        assertThat(records).hasSize(1);
        return records.get(0);
    }
}
