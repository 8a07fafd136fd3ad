package dev.fanout.billing.events;

import static dev.fanout.billing.support.Orders.customer;
import static dev.fanout.billing.support.Orders.placed;
import static dev.fanout.billing.support.Orders.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fanout.billing.gateway.SimulatedGateway;
import dev.fanout.billing.support.BillingStore;
import dev.fanout.billing.support.PaymentsTopic;
import dev.fanout.events.EventTypes;
import dev.fanout.events.order.OrderPlaced;
import dev.fanout.testing.EventPublisher;
import dev.fanout.testing.KafkaProbe;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A gateway that times out twice per request: the pipeline retries, and each order is answered exactly once. */
@QuarkusTest
@TestProfile(TransientGatewayFailureTest.FlakyGateway.class)
class TransientGatewayFailureTest {

    public static class FlakyGateway implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fanout.billing.gateway.fail-first-attempts", "2",
                    // short backoff: other tests' events on the shared topic wait behind ours too
                    "fanout.consumer.initial-backoff", "20ms",
                    "fanout.consumer.max-backoff", "100ms");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    BillingStore store;

    @Inject
    SimulatedGateway gateway;

    @Inject
    MeterRegistry meters;

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
    void timeoutsAreRetriedAndTheOrderIsAuthorizedAndVoidedOnce() {
        OrderPlaced order = placed(customer(), "60.00");
        UUID id = order.orderId();

        publisher.publish(EventTypes.ORDER_PLACED, id, order);
        String authorizationId = store.awaitPayment(id, "AUTHORIZED").authorizationId();
        publisher.publish(EventTypes.ORDER_REJECTED, id, rejected(order));
        store.awaitPayment(id, "VOIDED");

        assertThat(payments.typesOf(payments.eventsOf(id, 2))).containsExactly("fanout.payment.authorized.v1",
                "fanout.payment.voided.v1");
        assertThat(gateway.callsFor(id.toString())).as("two timeouts, then the answer").isEqualTo(3);
        assertThat(gateway.callsFor("void:" + authorizationId)).isEqualTo(3);
        assertThat(store.gatewayCharges(id)).isEqualTo(1);
        assertThat(meters.find("fanout.billing.gateway.calls").tag("outcome", "timeout").timers())
                .isNotEmpty();
        assertThat(meters.find("fanout.consumer.events").tag("outcome", "retried").counters()).isNotEmpty();
    }
}
