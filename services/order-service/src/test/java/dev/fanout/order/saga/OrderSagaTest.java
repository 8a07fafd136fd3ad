package dev.fanout.order.saga;

import static dev.fanout.order.support.Orders.customer;
import static dev.fanout.order.support.Orders.place;
import static dev.fanout.testing.KafkaProbe.header;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fanout.events.CloudEventHeaders;
import dev.fanout.events.EventJson;
import dev.fanout.events.EventTypes;
import dev.fanout.events.Topics;
import dev.fanout.events.inventory.StockItem;
import dev.fanout.events.inventory.StockRejected;
import dev.fanout.events.inventory.StockReserved;
import dev.fanout.events.order.OrderRejected;
import dev.fanout.events.payment.PaymentAuthorized;
import dev.fanout.events.payment.PaymentDeclined;
import dev.fanout.events.shipment.ShipmentDispatched;
import dev.fanout.events.DeadLetterHeaders;
import dev.fanout.testing.EventPublisher;
import dev.fanout.testing.KafkaProbe;
import io.quarkus.test.junit.QuarkusTest;

/**
 * order-service as the saga's memory, against a real broker: billing's and fulfilment's answers (published here as
 * those services would) move the order, in either order, once each, and whatever cannot be applied lands in the
 * dead-letter topic while the next answer still flows.
 */
@QuarkusTest
class OrderSagaTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

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
    void paymentAndStockConfirmTheOrderWhicheverArrivesFirst() {
        UUID paidFirst = UUID.fromString(place(customer()));
        UUID stockFirst = UUID.fromString(place(customer()));

        publisher.publish(EventTypes.PAYMENT_AUTHORIZED, paidFirst, authorized(paidFirst));
        awaitField(paidFirst, "payment.status", "AUTHORIZED");
        given().get("/orders/{id}", paidFirst).then().body("status", equalTo("PENDING"));
        publisher.publish(EventTypes.STOCK_RESERVED, paidFirst, reserved(paidFirst));

        publisher.publish(EventTypes.STOCK_RESERVED, stockFirst, reserved(stockFirst));
        awaitField(stockFirst, "stock.status", "RESERVED");
        publisher.publish(EventTypes.PAYMENT_AUTHORIZED, stockFirst, authorized(stockFirst));

        for (UUID order : List.of(paidFirst, stockFirst)) {
            awaitStatus(order, "CONFIRMED");
            List<ConsumerRecord<String, String>> events = eventsOf(order, 2);
            assertThat(events).extracting(r -> header(r, CloudEventHeaders.TYPE))
                    .containsExactly("fanout.order.placed.v1", "fanout.order.confirmed.v1");
            given().get("/orders/{id}", order).then().header("X-Fanout-Read-Source", "cache")
                    .body("payment.authorizationId", equalTo("auth-" + order));
        }
    }

    @Test
    void theFirstFailureRejectsAndLaterAnswersAreOnlyRecorded() {
        UUID order = UUID.fromString(place(customer()));

        publisher.publish(EventTypes.STOCK_REJECTED, order, new StockRejected(order, "OUT_OF_STOCK",
                "LAMP-0007: 3 requested, 1 available", List.of(new StockRejected.Shortage("LAMP-0007", 3, 1)),
                Instant.now()));
        awaitStatus(order, "REJECTED");
        publisher.publish(EventTypes.PAYMENT_AUTHORIZED, order, authorized(order));
        awaitField(order, "payment.status", "AUTHORIZED");

        given().get("/orders/{id}", order).then()
                .body("rejection.stage", equalTo("stock"))
                .body("rejection.code", equalTo("OUT_OF_STOCK"));
        List<ConsumerRecord<String, String>> events = eventsOf(order, 2);
        assertThat(events).extracting(r -> header(r, CloudEventHeaders.TYPE))
                .containsExactly("fanout.order.placed.v1", "fanout.order.rejected.v1");
        OrderRejected rejected = EventJson.decode(events.get(1).value(), OrderRejected.class);
        assertThat(rejected.reason()).isEqualTo(new OrderRejected.Reason("stock", "OUT_OF_STOCK",
                "LAMP-0007: 3 requested, 1 available"));
        assertThat(rejected.total()).isEqualByComparingTo("33.99");
    }

    @Test
    void aDeclinedPaymentRejectsTheOrder() {
        UUID order = UUID.fromString(place(customer()));

        publisher.publish(EventTypes.STOCK_RESERVED, order, reserved(order));
        publisher.publish(EventTypes.PAYMENT_DECLINED, order, new PaymentDeclined(order, "c", "GBP",
                new BigDecimal("33.99"), "CARD_DECLINED", "the issuer declined the card", Instant.now()));

        // the two answers travel on different topics: either may be applied first
        awaitStatus(order, "REJECTED");
        awaitField(order, "stock.status", "RESERVED");
        given().get("/orders/{id}", order).then()
                .body("rejection.stage", equalTo("payment"))
                .body("payment.status", equalTo("DECLINED"))
                .body("stock.status", equalTo("RESERVED"));
    }

    @Test
    void aDispatchedShipmentMakesAConfirmedOrderShipped() {
        UUID order = confirmedOrder();

        publisher.publish(EventTypes.SHIPMENT_DISPATCHED, order, new ShipmentDispatched(order, "shp-1",
                "ROYAL_MAIL", "RM123456789GB", List.of(new StockItem("BOOK-0001", 2)), Instant.now()));

        awaitStatus(order, "SHIPPED");
        given().get("/orders/{id}", order).then()
                .body("shipment.carrier", equalTo("ROYAL_MAIL"))
                .body("shipment.trackingNumber", equalTo("RM123456789GB"));
    }

    @Test
    void aRedeliveredAnswerHasNoSecondEffect() {
        UUID order = UUID.fromString(place(customer()));
        UUID paymentEvent = UUID.randomUUID();
        UUID stockEvent = UUID.randomUUID();

        publisher.publish(EventTypes.PAYMENT_AUTHORIZED, order, authorized(order), paymentEvent);
        publisher.publish(EventTypes.STOCK_RESERVED, order, reserved(order), stockEvent);
        awaitStatus(order, "CONFIRMED");
        publisher.publish(EventTypes.PAYMENT_AUTHORIZED, order, authorized(order), paymentEvent);
        publisher.publish(EventTypes.STOCK_RESERVED, order, reserved(order), stockEvent);

        // the redelivered records are consumed (the marker after them is too) without a second OrderConfirmed
        UUID marker = UUID.fromString(place(customer()));
        publisher.publish(EventTypes.PAYMENT_AUTHORIZED, marker, authorized(marker));
        awaitField(marker, "payment.status", "AUTHORIZED");
        assertThat(eventsOf(order, 2)).extracting(r -> header(r, CloudEventHeaders.TYPE))
                .containsExactly("fanout.order.placed.v1", "fanout.order.confirmed.v1");
    }

    @Test
    void poisonGoesToTheDeadLetterTopicWithItsCauseAndTheNextEventStillFlows() {
        String poisonKey = "poison-" + UUID.randomUUID();
        publisher.publishRaw(Topics.PAYMENTS, poisonKey, new byte[] { 0x00, (byte) 0xff, 0x7b },
                CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.TYPE, "fanout.payment.authorized.v1");
        String unknownKey = "unknown-" + UUID.randomUUID();
        publisher.publishRaw(Topics.PAYMENTS, unknownKey, "{}".getBytes(StandardCharsets.UTF_8),
                CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.TYPE, "fanout.payment.refunded.v9");
        UUID ghost = UUID.randomUUID();
        publisher.publish(EventTypes.PAYMENT_AUTHORIZED, ghost, authorized(ghost));
        UUID shippedTooEarly = UUID.fromString(place(customer()));
        publisher.publish(EventTypes.SHIPMENT_DISPATCHED, shippedTooEarly, new ShipmentDispatched(shippedTooEarly,
                "shp-2", "DPD", "X1", List.of(), Instant.now()));
        UUID next = UUID.fromString(place(customer()));
        publisher.publish(EventTypes.PAYMENT_AUTHORIZED, next, authorized(next));

        awaitField(next, "payment.status", "AUTHORIZED");
        ConsumerRecord<String, String> poison = deadLetter("order-service.payments.v1.dlq", poisonKey);
        assertThat(header(poison, DeadLetterHeaders.CATEGORY)).isEqualTo("poison");
        assertThat(header(poison, "dead-letter-reason")).startsWith("poison record: not a valid PaymentAuthorized");
        assertThat(header(poison, "dead-letter-topic")).isEqualTo(Topics.PAYMENTS);
        assertThat(header(poison, "dead-letter-offset")).isNotNull();
        assertThat(header(poison, DeadLetterHeaders.CONSUMER)).isEqualTo("order-service/payments.v1");
        assertThat(header(poison, DeadLetterHeaders.ATTEMPTS)).isEqualTo("1");
        assertThat(header(poison, CloudEventHeaders.ID)).isNotNull();
        assertThat(header(deadLetter("order-service.payments.v1.dlq", unknownKey), "dead-letter-reason"))
                .contains("unknown event type 'fanout.payment.refunded.v9'");
        ConsumerRecord<String, String> orphan = deadLetter("order-service.payments.v1.dlq", ghost.toString());
        assertThat(header(orphan, DeadLetterHeaders.CATEGORY)).isEqualTo("rejected");
        assertThat(header(orphan, "dead-letter-reason")).isEqualTo("rejected: no order " + ghost);
        ConsumerRecord<String, String> early = deadLetter("order-service.shipments.v1.dlq", shippedTooEarly.toString());
        assertThat(header(early, "dead-letter-reason")).isEqualTo("rejected: a PENDING order cannot ship");
        given().get("/orders/{id}", shippedTooEarly).then().body("status", equalTo("PENDING"));
    }

    private UUID confirmedOrder() {
        UUID order = UUID.fromString(place(customer()));
        publisher.publish(EventTypes.PAYMENT_AUTHORIZED, order, authorized(order));
        publisher.publish(EventTypes.STOCK_RESERVED, order, reserved(order));
        awaitStatus(order, "CONFIRMED");
        return order;
    }

    private ConsumerRecord<String, String> deadLetter(String topic, String key) {
        List<ConsumerRecord<String, String>> records = kafka.awaitKey(topic, key, 1, TIMEOUT);
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    private List<ConsumerRecord<String, String>> eventsOf(UUID order, int expected) {
        return kafka.awaitKey(Topics.ORDERS, order.toString(), expected, TIMEOUT);
    }

    private static void awaitStatus(UUID order, String status) {
        awaitField(order, "status", status);
    }

    private static void awaitField(UUID order, String path, String value) {
        Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> given().get("/orders/{id}", order).then()
                .statusCode(200).body(path, equalTo(value)));
    }

    private static PaymentAuthorized authorized(UUID order) {
        return new PaymentAuthorized(order, "auth-" + order, "c", "GBP", new BigDecimal("33.99"), Instant.now());
    }

    private static StockReserved reserved(UUID order) {
        return new StockReserved(order, List.of(new StockItem("BOOK-0001", 2), new StockItem("MUG-0042", 1)),
                Instant.now());
    }
}
