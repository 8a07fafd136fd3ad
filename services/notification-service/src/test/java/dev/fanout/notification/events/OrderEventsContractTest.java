package dev.fanout.notification.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fanout.events.CloudEventHeaders;
import dev.fanout.events.EventJson;
import dev.fanout.events.EventType;
import dev.fanout.events.EventTypes;
import dev.fanout.events.golden.GoldenSamples;
import dev.fanout.events.golden.GoldenSamples.Sample;
import dev.fanout.events.order.OrderPlaced;
import dev.fanout.events.shipment.ShipmentDispatched;
import dev.fanout.notification.support.NotificationStore;
import dev.fanout.notification.support.NotificationStore.Row;
import dev.fanout.testing.EventPublisher;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Consumer-side contract: every golden sample of the events notification-service consumes, exactly as some released
 * producer wrote it (unknown fields included), is read by the real pipeline and told to the customer. Each sample
 * is sent under an order id of this run (the samples' own would collide with earlier runs), otherwise byte for byte.
 */
@QuarkusTest
class OrderEventsContractTest {

    private static final List<EventType<?>> CONSUMED = List.of(EventTypes.ORDER_PLACED, EventTypes.ORDER_CONFIRMED,
            EventTypes.ORDER_REJECTED, EventTypes.SHIPMENT_DISPATCHED);

    @Inject
    NotificationStore store;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    EventPublisher publisher;

    @BeforeEach
    void connect() {
        publisher = new EventPublisher(bootstrap);
    }

    @AfterEach
    void disconnect() {
        publisher.close();
    }

    @Test
    void thereAreSamplesOfEveryTypeWeConsumeAndTheyDecode() {
        for (EventType<?> type : CONSUMED) {
            assertThat(GoldenSamples.of(type)).as(type.type()).isNotEmpty();
            GoldenSamples.of(type).forEach(sample -> assertThat(EventJson.decode(sample.bytes(),
                    type.payloadClass())).as(sample.path()).isNotNull());
        }
    }

    @Test
    void everyOrderSampleIsToldToItsCustomer() {
        for (EventType<?> type : List.of(EventTypes.ORDER_PLACED, EventTypes.ORDER_CONFIRMED,
                EventTypes.ORDER_REJECTED)) {
            for (Sample sample : GoldenSamples.of(type)) {
                UUID order = UUID.randomUUID();
                send(sample, order);

                Row email = store.awaitStatus(order + "/" + type.type() + "/EMAIL", "SENT");
                assertThat(email.customerId()).as(sample.path()).startsWith("cust-100");
                assertThat(email.recipient()).as(sample.path()).endsWith("@customers.fanout.example");
                assertThat(email.body()).as(sample.path()).contains(order.toString());
            }
        }
    }

    @Test
    void everyShipmentSampleIsToldOnceTheOrderIsKnown() {
        Sample placed = GoldenSamples.of(EventTypes.ORDER_PLACED).stream().filter(s -> !s.tolerantReader())
                .findFirst().orElseThrow();
        for (Sample sample : GoldenSamples.of(EventTypes.SHIPMENT_DISPATCHED)) {
            UUID order = UUID.randomUUID();
            send(placed, order);
            send(sample, order);

            Row email = store.awaitStatus(order + "/" + EventTypes.SHIPMENT_DISPATCHED.type() + "/EMAIL", "SENT");
            ShipmentDispatched shipment = EventJson.decode(sample.json(), ShipmentDispatched.class);
            assertThat(email.body()).as(sample.path()).contains(shipment.carrier())
                    .contains(shipment.trackingNumber());
        }
    }

    /** Publishes the sample's bytes as its producer would, under {@code order} instead of the sample's order id. */
    private void send(Sample sample, UUID order) {
        UUID sampleOrder = switch (sample.eventType().type()) {
            case "fanout.order.placed.v1" -> EventJson.decode(sample.json(), OrderPlaced.class).orderId();
            case "fanout.order.confirmed.v1" -> EventJson.decode(sample.json(),
                    dev.fanout.events.order.OrderConfirmed.class).orderId();
            case "fanout.order.rejected.v1" -> EventJson.decode(sample.json(),
                    dev.fanout.events.order.OrderRejected.class).orderId();
            case "fanout.shipment.dispatched.v1" -> EventJson.decode(sample.json(), ShipmentDispatched.class)
                    .orderId();
            default -> throw new IllegalArgumentException("not consumed by notification-service: " + sample);
        };
        assertThat(sample.json()).contains(sampleOrder.toString());
        String json = sample.json().replace(sampleOrder.toString(), order.toString());
        publisher.publishRaw(sample.eventType().topic(), order.toString(), json.getBytes(StandardCharsets.UTF_8),
                CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE,
                CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.TYPE, sample.eventType().type(),
                CloudEventHeaders.SOURCE, "/fanout/tests",
                CloudEventHeaders.TIME, Instant.now().toString(),
                CloudEventHeaders.SUBJECT, order.toString(),
                CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
    }
}
