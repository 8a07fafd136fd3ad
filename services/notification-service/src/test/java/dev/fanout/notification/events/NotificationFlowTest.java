package dev.fanout.notification.events;

import static dev.fanout.notification.support.NotificationStore.TIMEOUT;
import static dev.fanout.notification.support.Orders.confirmed;
import static dev.fanout.notification.support.Orders.newCustomer;
import static dev.fanout.notification.support.Orders.newOrder;
import static dev.fanout.notification.support.Orders.placed;
import static dev.fanout.notification.support.Orders.rejected;
import static dev.fanout.notification.support.Orders.shipped;
import static dev.fanout.testing.KafkaProbe.header;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
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
import dev.fanout.events.EventTypes;
import dev.fanout.events.Topics;
import dev.fanout.events.notification.NotificationSent;
import dev.fanout.events.order.OrderPlaced;
import dev.fanout.notification.support.NotificationStore;
import dev.fanout.notification.support.NotificationStore.Row;
import dev.fanout.testing.EventPublisher;
import dev.fanout.testing.KafkaProbe;
import io.quarkus.test.junit.QuarkusTest;

/**
 * notification-service on the real broker and database with the default (recording) adapter: order events are
 * published as order-service and fulfilment-service would, and what it sent is read back from its tables, its
 * endpoint and notifications.v1.
 */
@QuarkusTest
class NotificationFlowTest {

    private static final String PLACED = EventTypes.ORDER_PLACED.type();

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
    void aPlacedOrderIsEmailedToTheDefaultAddressOnceAndAnnouncedOnNotificationsV1() {
        UUID order = newOrder();
        String customer = newCustomer();

        UUID eventId = publisher.publish(EventTypes.ORDER_PLACED, order, placed(order, customer));

        List<Row> rows = store.awaitSettled(order, 2);
        Row email = rows.stream().filter(r -> r.channel().equals("EMAIL")).findFirst().orElseThrow();
        assertThat(email.id()).isEqualTo(order + "/" + PLACED + "/EMAIL");
        assertThat(email.status()).isEqualTo("SENT");
        assertThat(email.recipient()).isEqualTo(customer + "@customers.fanout.example");
        assertThat(email.recipientMasked()).isEqualTo("c***@customers.fanout.example");
        assertThat(email.aboutEventId()).isEqualTo(eventId);
        assertThat(email.attempts()).isEqualTo(1);
        assertThat(email.subject()).isEqualTo("We have received your order " + order);
        Row sms = rows.stream().filter(r -> r.channel().equals("SMS")).findFirst().orElseThrow();
        assertThat(sms.status()).isEqualTo("SKIPPED");
        assertThat(sms.detail()).isEqualTo("no phone number on file");
        assertThat(store.recordedIds(order)).containsExactly(email.id());

        ConsumerRecord<String, String> record = only(order);
        assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo(EventTypes.NOTIFICATION_SENT.type());
        assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo("/fanout/notification-service");
        NotificationSent sent = EventJson.decode(record.value(), NotificationSent.class);
        assertThat(sent.orderId()).isEqualTo(order);
        assertThat(sent.notificationId()).isEqualTo(email.id());
        assertThat(sent.customerId()).isEqualTo(customer);
        assertThat(sent.channel()).isEqualTo("EMAIL");
        assertThat(sent.about()).isEqualTo(PLACED);
        assertThat(sent.aboutEventId()).isEqualTo(eventId);
        assertThat(sent.recipient()).isEqualTo("c***@customers.fanout.example");
        assertThat(record.value()).doesNotContain(customer + "@");
    }

    @Test
    void theSameEventDeliveredTwiceIsSentOncePerChannel() {
        UUID order = newOrder();
        String customer = newCustomer();
        contact(customer, "{\"email\": \"twice@example.com\", \"phone\": \"+447700900123\"}");
        UUID eventId = UUID.randomUUID();

        publisher.publish(EventTypes.ORDER_PLACED, order, placed(order, customer), eventId);
        publisher.publish(EventTypes.ORDER_PLACED, order, placed(order, customer), eventId);
        // a marker behind both on the same partition: once it is consumed, so are they
        UUID marker = publisher.publish(EventTypes.ORDER_CONFIRMED, order, confirmed(order, customer));
        store.awaitConsumed(marker);

        List<Row> rows = store.awaitSettled(order, 4);
        assertThat(rows).filteredOn(r -> r.about().equals(PLACED)).extracting(Row::channel, Row::status)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("EMAIL", "SENT"),
                        org.assertj.core.groups.Tuple.tuple("SMS", "SENT"));
        assertThat(store.recordedIds(order)).hasSize(4).doesNotHaveDuplicates();
        List<NotificationSent> sent = sent(order, 4);
        assertThat(sent).filteredOn(s -> s.about().equals(PLACED)).extracting(NotificationSent::channel)
                .containsExactlyInAnyOrder("EMAIL", "SMS");
        assertThat(sent).extracting(NotificationSent::notificationId).doesNotHaveDuplicates();
    }

    @Test
    void aSecondEventIdAboutTheSameOrderStepIsARepublicationAndSendsNothing() {
        UUID order = newOrder();
        String customer = newCustomer();
        OrderPlaced event = placed(order, customer);

        UUID first = publisher.publish(EventTypes.ORDER_PLACED, order, event);
        store.awaitStatus(order + "/" + PLACED + "/EMAIL", "SENT");
        UUID second = publisher.publish(EventTypes.ORDER_PLACED, order, event);
        store.awaitConsumed(second);

        List<Row> rows = store.awaitSettled(order, 2);
        assertThat(rows).allMatch(r -> r.aboutEventId().equals(first));
        assertThat(store.recordedIds(order)).hasSize(1);
        assertThat(sent(order, 1)).hasSize(1);
    }

    @Test
    void optedOutChannelsAreSkippedAndSaidSo() {
        UUID order = newOrder();
        String customer = newCustomer();
        contact(customer, "{\"email\": \"ada@example.com\", \"phone\": \"+447700900123\", \"emailOptOut\": true}");

        publisher.publish(EventTypes.ORDER_PLACED, order, placed(order, customer));

        List<Row> rows = store.awaitSettled(order, 2);
        Row email = rows.stream().filter(r -> r.channel().equals("EMAIL")).findFirst().orElseThrow();
        assertThat(email.status()).isEqualTo("SKIPPED");
        assertThat(email.detail()).isEqualTo("customer opted out of email");
        assertThat(email.recipient()).isNull();
        Row sms = rows.stream().filter(r -> r.channel().equals("SMS")).findFirst().orElseThrow();
        assertThat(sms.status()).isEqualTo("SENT");
        assertThat(sms.recipient()).isEqualTo("+447700900123");
        assertThat(sms.recipientMasked()).isEqualTo("+44*******123");
        assertThat(store.recordedIds(order)).containsExactly(sms.id());
        NotificationSent sent = EventJson.decode(only(order).value(), NotificationSent.class);
        assertThat(sent.channel()).isEqualTo("SMS");
        assertThat(sent.recipient()).isEqualTo("+44*******123");
        given().get("/notifications?orderId={id}", order).then().statusCode(200)
                .body("find { it.channel == 'EMAIL' }.status", org.hamcrest.Matchers.equalTo("SKIPPED"))
                .body("find { it.channel == 'EMAIL' }.detail",
                        org.hamcrest.Matchers.equalTo("customer opted out of email"))
                .body("find { it.channel == 'SMS' }.recipient", org.hamcrest.Matchers.equalTo("+44*******123"));
    }

    @Test
    void theWholeJourneyIsToldInOrderWithTheReasonsAndTheTracking() {
        UUID shippedOrder = newOrder();
        UUID rejectedOrder = newOrder();
        String customer = newCustomer();

        publisher.publish(EventTypes.ORDER_PLACED, shippedOrder, placed(shippedOrder, customer));
        publisher.publish(EventTypes.ORDER_CONFIRMED, shippedOrder, confirmed(shippedOrder, customer));
        store.awaitStatus(shippedOrder + "/" + EventTypes.ORDER_CONFIRMED.type() + "/EMAIL", "SENT");
        publisher.publish(EventTypes.SHIPMENT_DISPATCHED, shippedOrder, shipped(shippedOrder));
        publisher.publish(EventTypes.ORDER_PLACED, rejectedOrder, placed(rejectedOrder, customer));
        publisher.publish(EventTypes.ORDER_REJECTED, rejectedOrder, rejected(rejectedOrder, customer));

        List<Row> journey = store.awaitSettled(shippedOrder, 6);
        assertThat(journey).filteredOn(r -> r.channel().equals("EMAIL")).extracting(Row::about, Row::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(PLACED, "SENT"),
                        org.assertj.core.groups.Tuple.tuple(EventTypes.ORDER_CONFIRMED.type(), "SENT"),
                        org.assertj.core.groups.Tuple.tuple(EventTypes.SHIPMENT_DISPATCHED.type(), "SENT"));
        Row shipping = journey.get(journey.size() - 2);
        assertThat(shipping.customerId()).isEqualTo(customer);
        assertThat(shipping.body()).contains("with FANOUT_POST").contains("Tracking number: FP2JEGFZQ55EX9");
        assertThat(sent(shippedOrder, 3)).extracting(NotificationSent::about).containsExactly(PLACED,
                EventTypes.ORDER_CONFIRMED.type(), EventTypes.SHIPMENT_DISPATCHED.type());

        List<Row> rejection = store.awaitSettled(rejectedOrder, 4);
        Row told = rejection.stream().filter(r -> r.about().equals(EventTypes.ORDER_REJECTED.type())
                && r.channel().equals("EMAIL")).findFirst().orElseThrow();
        assertThat(told.status()).isEqualTo("SENT");
        assertThat(told.subject()).isEqualTo("We could not complete your order " + rejectedOrder);
        assertThat(told.body()).contains("Some items are not available (LAMP-0007: 3 requested, 1 available).")
                .contains("Reference: OUT_OF_STOCK");
    }

    @Test
    void aShipmentSeenBeforeItsOrderWaitsForTheCustomerAndAnOutdatedStepIsSkipped() {
        UUID order = newOrder();
        String customer = newCustomer();

        UUID shipment = publisher.publish(EventTypes.SHIPMENT_DISPATCHED, order, shipped(order));
        store.awaitConsumed(shipment);
        String shippedEmail = order + "/" + EventTypes.SHIPMENT_DISPATCHED.type() + "/EMAIL";
        Row waiting = store.awaitStatus(shippedEmail, "WAITING");
        assertThat(waiting.customerId()).isNull();
        assertThat(waiting.detail()).startsWith("waiting for the order's customer");
        given().get("/notifications?orderId={id}", order).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.equalTo("WAITING")));

        // orders.v1 was behind (a replay, a fresh consumer group): its events arrive after the shipment
        publisher.publish(EventTypes.ORDER_PLACED, order, placed(order, customer));

        List<Row> rows = store.awaitSettled(order, 4);
        assertThat(store.delivery(shippedEmail).status()).isEqualTo("SENT");
        assertThat(store.delivery(shippedEmail).recipient()).isEqualTo(customer + "@customers.fanout.example");
        Row placedEmail = store.delivery(order + "/" + PLACED + "/EMAIL");
        assertThat(placedEmail.status()).isEqualTo("SKIPPED");
        assertThat(placedEmail.detail()).isEqualTo("superseded: the customer was already told the order was shipped");
        assertThat(rows).filteredOn(r -> r.status().equals("SENT")).hasSize(1);
        assertThat(sent(order, 1)).extracting(NotificationSent::about)
                .containsExactly(EventTypes.SHIPMENT_DISPATCHED.type());
    }

    @Test
    void aShipmentThatWaitedLongerThanAnEventMayBeToldIsSkippedWhenItsCustomerAppears() {
        UUID order = newOrder();
        String customer = newCustomer();
        UUID shipment = publisher.publish(EventTypes.SHIPMENT_DISPATCHED, order, shipped(order));
        store.awaitConsumed(shipment);
        String shippedEmail = order + "/" + EventTypes.SHIPMENT_DISPATCHED.type() + "/EMAIL";
        store.awaitStatus(shippedEmail, "WAITING");
        // its order's events were dead-lettered and redriven two days later
        store.update("UPDATE notification.delivery SET occurred_at = now() - interval '2 days' WHERE order_id = ?",
                order);

        publisher.publish(EventTypes.ORDER_PLACED, order, placed(order, customer));

        List<Row> rows = store.awaitSettled(order, 4);
        assertThat(rows).allMatch(r -> r.status().equals("SKIPPED"));
        assertThat(store.delivery(shippedEmail).detail())
                .isEqualTo("stale: the order's customer became known only after max-event-age PT24H");
        assertThat(store.outboxEvents(order)).isZero();
    }

    @Test
    void anEventTooOldToTellIsRecordedAsSkipped() {
        UUID order = newOrder();
        String customer = newCustomer();

        // the envelope's time decides (ce_time); a replay of last week's orders must not reach customers
        publisher.publishRaw(Topics.ORDERS, order.toString(), EventJson.encode(placed(order, customer))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE,
                CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.TYPE, PLACED,
                CloudEventHeaders.SOURCE, "/fanout/order-service",
                CloudEventHeaders.TIME, Instant.now().minus(Duration.ofDays(3)).toString(),
                CloudEventHeaders.SUBJECT, order.toString(),
                CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);

        List<Row> rows = store.awaitSettled(order, 2);
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo("SKIPPED");
            assertThat(r.detail()).startsWith("stale: the event is ").endsWith("more than max-event-age PT24H");
        });
        assertThat(store.recordedIds(order)).isEmpty();
        assertThat(store.outboxEvents(order)).isZero();
    }

    private void contact(String customer, String json) {
        given().contentType("application/json").body(json).put("/customers/{id}/contact", customer).then()
                .statusCode(200);
    }

    private ConsumerRecord<String, String> only(UUID order) {
        List<ConsumerRecord<String, String>> records = kafka.awaitKey(Topics.NOTIFICATIONS, order.toString(), 1,
                TIMEOUT);
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    private List<NotificationSent> sent(UUID order, int expected) {
        List<ConsumerRecord<String, String>> records = kafka.awaitKey(Topics.NOTIFICATIONS, order.toString(),
                expected, TIMEOUT);
        assertThat(records).hasSize(expected);
        return records.stream().map(r -> EventJson.decode(r.value(), NotificationSent.class)).toList();
    }
}
