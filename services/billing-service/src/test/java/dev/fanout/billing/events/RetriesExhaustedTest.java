package dev.fanout.billing.events;

import static dev.fanout.billing.support.Orders.customer;
import static dev.fanout.billing.support.Orders.placed;
import static dev.fanout.testing.KafkaProbe.header;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fanout.billing.support.BillingStore;
import dev.fanout.billing.support.PaymentsTopic;
import dev.fanout.events.CloudEventHeaders;
import dev.fanout.events.DeadLetterHeaders;
import dev.fanout.events.EventJson;
import dev.fanout.events.EventTypes;
import dev.fanout.events.Topics;
import dev.fanout.events.order.OrderPlaced;
import dev.fanout.testing.EventPublisher;
import dev.fanout.testing.KafkaProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A gateway that never answers: after the bounded retries the order goes to the dead-letter topic, uncharged. */
@QuarkusTest
@TestProfile(RetriesExhaustedTest.DeadGateway.class)
class RetriesExhaustedTest {

    public static class DeadGateway implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fanout.billing.gateway.fail-first-attempts", "100",
                    "fanout.consumer.max-attempts", "3",
                    "fanout.consumer.initial-backoff", "20ms",
                    "fanout.consumer.max-backoff", "100ms");
        }
    }

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

    @Test
    void anOrderTheGatewayNeverAnswersIsDeadLetteredAsExhausted() {
        OrderPlaced order = placed(customer(), "25.00");
        String eventId = publisher.publish(EventTypes.ORDER_PLACED, order.orderId(), order).toString();

        ConsumerRecord<String, String> dead = payments.deadLetter(order.orderId().toString());

        assertThat(header(dead, DeadLetterHeaders.CATEGORY)).isEqualTo("exhausted");
        assertThat(header(dead, DeadLetterHeaders.ATTEMPTS)).isEqualTo("3");
        assertThat(header(dead, DeadLetterHeaders.REASON)).isEqualTo("retries exhausted after 3 attempts: simulated "
                + "gateway timeout: authorize " + order.orderId() + " (call 3)");
        assertThat(header(dead, DeadLetterHeaders.EXCEPTION))
                .isEqualTo("dev.fanout.billing.gateway.GatewayTimeoutException");
        assertThat(header(dead, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.ORDERS);
        assertThat(header(dead, CloudEventHeaders.ID)).as("redrive keeps the event id").isEqualTo(eventId);
        assertThat(EventJson.decode(dead.value(), OrderPlaced.class)).as("the original body").isEqualTo(order);
        assertThat(store.payment(order.orderId())).isNull();
        assertThat(store.gatewayCharges(order.orderId())).as("a timed-out call charges nothing").isZero();
        assertThat(payments.eventsOf(order.orderId(), 0)).isEmpty();
    }
}
