package dev.fanout.billing.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.fanout.billing.payment.PaymentRules;
import dev.fanout.billing.support.BillingStore;
import dev.fanout.billing.support.Orders;
import dev.fanout.billing.support.PaymentsTopic;
import dev.fanout.events.CloudEventHeaders;
import dev.fanout.events.EventJson;
import dev.fanout.events.EventType;
import dev.fanout.events.EventTypes;
import dev.fanout.events.Topics;
import dev.fanout.events.golden.GoldenSamples;
import dev.fanout.events.golden.GoldenSamples.Sample;
import dev.fanout.events.order.OrderPlaced;
import dev.fanout.events.order.OrderRejected;
import dev.fanout.events.payment.PaymentAuthorized;
import dev.fanout.testing.EventPublisher;
import dev.fanout.testing.KafkaProbe;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Consumer-driven contracts, from billing's side: every golden sample of what billing consumes (exactly as the
 * producer wrote it, unknown fields included) decodes and is handled end to end; and what billing publishes carries
 * every field of the golden samples of what it produces.
 */
@QuarkusTest
class GoldenSamplesContractTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    BillingStore store;

    EventPublisher publisher;
    KafkaProbe kafka;
    PaymentsTopic payments;

    @BeforeEach
    void connect() {
        publisher = new EventPublisher(bootstrap);
        kafka = new KafkaProbe(bootstrap);
        payments = new PaymentsTopic(kafka);
    }

    @AfterEach
    void disconnect() {
        publisher.close();
        kafka.close();
    }

    static Stream<Sample> consumed() {
        return Stream.concat(placedSamples(), rejectedSamples());
    }

    static Stream<Sample> placedSamples() {
        return GoldenSamples.of(EventTypes.ORDER_PLACED).stream();
    }

    static Stream<Sample> rejectedSamples() {
        return GoldenSamples.of(EventTypes.ORDER_REJECTED).stream();
    }

    @Test
    void thereAreSamplesOfEverythingBillingConsumesAndProduces() {
        for (EventType<?> type : List.of(EventTypes.ORDER_PLACED, EventTypes.ORDER_REJECTED,
                EventTypes.PAYMENT_AUTHORIZED, EventTypes.PAYMENT_DECLINED, EventTypes.PAYMENT_VOIDED)) {
            assertThat(GoldenSamples.of(type)).as("golden samples of %s", type.type()).isNotEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("consumed")
    void everySampleDecodes(Sample sample) {
        Object event = EventJson.decode(sample.bytes(), sample.eventType().payloadClass());
        if (event instanceof OrderPlaced placed) {
            // and is a charge billing can take
            PaymentRules.validate(new PaymentRules.Charge(placed.customerId(), placed.currency(), placed.total()));
        }
        assertThat(event).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("placedSamples")
    void everyOrderPlacedSampleIsAuthorized(Sample sample) {
        UUID order = UUID.randomUUID();
        OrderPlaced expected = EventJson.decode(sample.bytes(), OrderPlaced.class);

        publishAsIs(sample, order);

        PaymentAuthorized authorized = payments.onlyEvent(order, EventTypes.PAYMENT_AUTHORIZED);
        assertThat(authorized.amount()).isEqualByComparingTo(expected.total());
        assertThat(authorized.currency()).isEqualTo(expected.currency());
        assertThat(authorized.customerId()).isEqualTo(expected.customerId());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedSamples")
    void everyOrderRejectedSampleVoidsTheAuthorization(Sample sample) {
        UUID order = UUID.randomUUID();
        OrderRejected rejected = EventJson.decode(sample.bytes(), OrderRejected.class);
        publisher.publish(EventTypes.ORDER_PLACED, order, Orders.placed(order, rejected.customerId(),
                rejected.currency(), rejected.total().toPlainString()));
        store.awaitPayment(order, "AUTHORIZED");

        publishAsIs(sample, order);

        assertThat(payments.typesOf(payments.eventsOf(order, 2))).containsExactly("fanout.payment.authorized.v1",
                "fanout.payment.voided.v1");
    }

    @Test
    void whatBillingPublishesHasEveryFieldOfTheGoldenSamples() {
        OrderPlaced voided = Orders.placed(Orders.customer(), "12.00");
        OrderPlaced declined = Orders.placed(Orders.customer("decline-"), "12.00");
        publisher.publish(EventTypes.ORDER_PLACED, voided.orderId(), voided);
        publisher.publish(EventTypes.ORDER_PLACED, declined.orderId(), declined);
        store.awaitPayment(voided.orderId(), "AUTHORIZED");
        publisher.publish(EventTypes.ORDER_REJECTED, voided.orderId(), Orders.rejected(voided));

        List<ConsumerRecord<String, String>> ours = new ArrayList<>(payments.eventsOf(voided.orderId(), 2));
        ours.addAll(payments.eventsOf(declined.orderId(), 1));

        for (EventType<?> type : List.of(EventTypes.PAYMENT_AUTHORIZED, EventTypes.PAYMENT_DECLINED,
                EventTypes.PAYMENT_VOIDED)) {
            ConsumerRecord<String, String> record = ours.stream()
                    .filter(r -> type.type().equals(KafkaProbe.header(r, CloudEventHeaders.TYPE))).findFirst()
                    .orElseThrow();
            for (Sample sample : GoldenSamples.of(type)) {
                assertThat(fields(record.value())).as("fields of billing's %s vs %s", type.type(), sample)
                        .isEqualTo(fields(sample.json()));
            }
        }
    }

    /** The sample's bytes as the producer wrote them, with only the order id replaced (ids are shared state). */
    private void publishAsIs(Sample sample, UUID order) {
        try {
            ObjectNode body = (ObjectNode) EventJson.mapper().readTree(sample.json());
            body.put("orderId", order.toString());
            publisher.publishRaw(Topics.ORDERS, order.toString(), EventJson.mapper().writeValueAsBytes(body),
                    CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE,
                    CloudEventHeaders.ID, UUID.randomUUID().toString(),
                    CloudEventHeaders.TYPE, sample.eventType().type(),
                    CloudEventHeaders.SOURCE, "/fanout/order-service",
                    CloudEventHeaders.TIME, Instant.now().toString(),
                    CloudEventHeaders.SUBJECT, order.toString(),
                    CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> fields(String json) {
        try {
            JsonNode node = EventJson.mapper().readTree(json);
            Set<String> names = new TreeSet<>();
            node.fieldNames().forEachRemaining(names::add);
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
