package dev.fanout.notification.delivery;

import static dev.fanout.notification.support.NotificationStore.TIMEOUT;
import static dev.fanout.notification.support.Orders.confirmed;
import static dev.fanout.notification.support.Orders.newCustomer;
import static dev.fanout.notification.support.Orders.newOrder;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.fanout.events.EventTypes;
import dev.fanout.notification.support.ManualDispatchProfile;
import dev.fanout.notification.support.NotificationStore;
import dev.fanout.notification.support.NotificationStore.Row;
import dev.fanout.testing.EventPublisher;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A dispatch round with the recording sender sends and marks all its deliveries in one transaction; one message that
 * cannot be recorded fails alone and leaves the rest of its round sent.
 */
@QuarkusTest
@TestProfile(ManualDispatchProfile.class)
class DispatchRoundTest {

    @Inject
    Dispatcher dispatcher;

    @Inject
    NotificationStore store;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aRoundSendsEachOfItsDeliveriesOnceWithOneNotificationSentEach() {
        List<UUID> orders = confirmedOrders(3);

        dispatcher.dispatchOnce().await().atMost(TIMEOUT);

        for (UUID order : orders) {
            for (String id : ids(order)) {
                Row row = store.delivery(id);
                assertThat(row.status()).as(id).isEqualTo("SENT");
                assertThat(row.attempts()).as(id).isEqualTo(1);
                assertThat(row.inFlight()).as(id).isFalse();
            }
            assertThat(store.recordedIds(order)).containsExactlyInAnyOrderElementsOf(ids(order));
            assertThat(store.outboxEvents(order)).isEqualTo(2);
        }
        // a second round finds nothing of these to send again
        dispatcher.dispatchOnce().await().atMost(TIMEOUT);
        for (UUID order : orders) {
            assertThat(store.recordedIds(order)).hasSize(2);
            assertThat(store.outboxEvents(order)).isEqualTo(2);
        }
    }

    @Test
    void aMessageThatCannotBeRecordedFailsAloneAndTheRestOfItsRoundIsSent() {
        List<UUID> orders = confirmedOrders(2);
        String blocked = ids(orders.get(0)).get(0);
        // a row already under this delivery's id: recording it violates the primary key, which fails the round's
        // transaction and then this delivery's own attempt
        store.update("INSERT INTO notification.recorded_message (delivery_id, channel, recipient, body, message_id) "
                + "VALUES (?, 'EMAIL', 'someone@example.com', 'in the way', 'in-the-way')", blocked);

        dispatcher.dispatchOnce().await().atMost(TIMEOUT);

        Row failed = store.delivery(blocked);
        assertThat(failed.status()).isIn("PENDING", "FAILED");
        assertThat(failed.inFlight()).isFalse();
        assertThat(failed.detail()).contains("recorded_message");
        for (UUID order : orders) {
            for (String id : ids(order)) {
                if (!id.equals(blocked)) {
                    assertThat(store.delivery(id).status()).as(id).isEqualTo("SENT");
                }
            }
        }
        assertThat(store.outboxEvents(orders.get(0))).as("only the SMS of the first order").isEqualTo(1);
        assertThat(store.outboxEvents(orders.get(1))).isEqualTo(2);
    }

    /** Orders confirmed for customers with an e-mail address and a phone: two PENDING deliveries each. */
    private List<UUID> confirmedOrders(int count) {
        List<UUID> orders = new ArrayList<>();
        try (EventPublisher publisher = new EventPublisher(bootstrap)) {
            for (int i = 0; i < count; i++) {
                UUID order = newOrder();
                String customer = newCustomer();
                given().contentType("application/json")
                        .body("{\"email\": \"" + customer + "@example.com\", \"phone\": \"+447700900123\"}")
                        .put("/customers/{id}/contact", customer).then().statusCode(200);
                publisher.publish(EventTypes.ORDER_CONFIRMED, order, confirmed(order, customer));
                orders.add(order);
            }
        }
        for (UUID order : orders) {
            ids(order).forEach(id -> store.awaitStatus(id, "PENDING"));
        }
        return orders;
    }

    private static List<String> ids(UUID order) {
        String about = EventTypes.ORDER_CONFIRMED.type();
        return List.of(order + "/" + about + "/EMAIL", order + "/" + about + "/SMS");
    }
}
