package dev.fanout.notification.events;

import static dev.fanout.notification.support.NotificationStore.TIMEOUT;
import static dev.fanout.notification.support.Orders.newCustomer;
import static dev.fanout.notification.support.Orders.newOrder;
import static dev.fanout.notification.support.Orders.placed;
import static dev.fanout.notification.support.Orders.rejected;
import static dev.fanout.notification.support.Orders.shipped;
import static dev.fanout.testing.KafkaProbe.header;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fanout.events.CloudEventHeaders;
import dev.fanout.events.DeadLetterHeaders;
import dev.fanout.events.EventTypes;
import dev.fanout.events.Topics;
import dev.fanout.notification.support.NotificationStore;
import dev.fanout.testing.EventPublisher;
import dev.fanout.testing.KafkaProbe;
import io.quarkus.test.junit.QuarkusTest;

/** What cannot be told lands in our dead-letter topics with its cause, and the next event still flows. */
@QuarkusTest
class DeadLetterTest {

    private static final String ORDERS_DLQ = "notification-service.orders.v1.dlq";
    private static final String SHIPMENTS_DLQ = "notification-service.shipments.v1.dlq";

    @Inject
    NotificationStore store;

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
    }

    @Test
    void poisonAndBusinessInvalidOrderEventsAreDeadLetteredAndTheNextEventStillFlows() {
        String poisonKey = "poison-" + UUID.randomUUID();
        publisher.publishRaw(Topics.ORDERS, poisonKey, "{\"orderId\": 42".getBytes(StandardCharsets.UTF_8),
                CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.TYPE, EventTypes.ORDER_PLACED.type());
        UUID nobodys = newOrder();
        publisher.publish(EventTypes.ORDER_PLACED, nobodys, placed(nobodys, "not a customer\nid"));
        UUID next = newOrder();
        publisher.publish(EventTypes.ORDER_PLACED, next, placed(next, newCustomer()));

        store.awaitStatus(next + "/" + EventTypes.ORDER_PLACED.type() + "/EMAIL", "SENT");

        ConsumerRecord<String, String> poison = deadLetter(ORDERS_DLQ, poisonKey);
        assertThat(header(poison, DeadLetterHeaders.CATEGORY)).isEqualTo("poison");
        assertThat(header(poison, "dead-letter-reason")).startsWith("poison record: not a valid OrderPlaced");
        assertThat(header(poison, "dead-letter-topic")).isEqualTo(Topics.ORDERS);
        assertThat(header(poison, "dead-letter-offset")).isNotNull();
        assertThat(header(poison, DeadLetterHeaders.CONSUMER)).isEqualTo("notification-service/orders.v1");
        assertThat(header(poison, DeadLetterHeaders.ATTEMPTS)).isEqualTo("1");

        ConsumerRecord<String, String> invalid = deadLetter(ORDERS_DLQ, nobodys.toString());
        assertThat(header(invalid, DeadLetterHeaders.CATEGORY)).isEqualTo("rejected");
        assertThat(header(invalid, "dead-letter-reason")).startsWith("rejected: cannot notify about "
                + "fanout.order.placed.v1").contains("customer id 'not a customer?id' is not a customer id");
        assertThat(header(invalid, CloudEventHeaders.TYPE)).isEqualTo(EventTypes.ORDER_PLACED.type());
        assertThat(store.deliveries(nobodys)).isEmpty();
    }

    @Test
    void aShipmentOfARejectedOrderIsDeadLetteredNotTold() {
        UUID order = newOrder();
        String customer = newCustomer();
        publisher.publish(EventTypes.ORDER_PLACED, order, placed(order, customer));
        publisher.publish(EventTypes.ORDER_REJECTED, order, rejected(order, customer));
        store.awaitSettled(order, 4);

        publisher.publish(EventTypes.SHIPMENT_DISPATCHED, order, shipped(order));
        UUID next = newOrder();
        UUID nextShipment = publisher.publish(EventTypes.SHIPMENT_DISPATCHED, next, shipped(next));
        store.awaitConsumed(nextShipment);

        ConsumerRecord<String, String> invalid = deadLetter(SHIPMENTS_DLQ, order.toString());
        assertThat(header(invalid, DeadLetterHeaders.CATEGORY)).isEqualTo("rejected");
        assertThat(header(invalid, "dead-letter-reason")).isEqualTo("rejected: order " + order
                + " was already notified as rejected: a shipped event contradicts it");
        assertThat(header(invalid, DeadLetterHeaders.CONSUMER)).isEqualTo("notification-service/shipments.v1");
        assertThat(store.deliveries(order)).extracting(NotificationStore.Row::about)
                .doesNotContain(EventTypes.SHIPMENT_DISPATCHED.type());
    }

    private ConsumerRecord<String, String> deadLetter(String topic, String key) {
        List<ConsumerRecord<String, String>> records = kafka.awaitKey(topic, key, 1, TIMEOUT);
        assertThat(records).hasSize(1);
        return records.get(0);
    }
}
