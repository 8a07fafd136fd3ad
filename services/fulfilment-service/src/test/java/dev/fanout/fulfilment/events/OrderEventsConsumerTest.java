package dev.fanout.fulfilment.events;

import static dev.fanout.fulfilment.support.Orders.confirmed;
import static dev.fanout.fulfilment.support.Orders.line;
import static dev.fanout.fulfilment.support.Orders.newOrder;
import static dev.fanout.fulfilment.support.Orders.placed;
import static dev.fanout.fulfilment.support.Orders.rejected;
import static dev.fanout.fulfilment.support.StockStore.TIMEOUT;
import static dev.fanout.testing.KafkaProbe.header;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

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
import dev.fanout.events.inventory.StockItem;
import dev.fanout.events.inventory.StockRejected;
import dev.fanout.events.inventory.StockReleased;
import dev.fanout.events.inventory.StockReserved;
import dev.fanout.events.shipment.ShipmentDispatched;
import dev.fanout.fulfilment.shipping.TrackingNumbers;
import dev.fanout.fulfilment.support.StockStore;
import dev.fanout.fulfilment.support.StockStore.Levels;
import dev.fanout.events.DeadLetterHeaders;
import dev.fanout.testing.EventPublisher;
import dev.fanout.testing.KafkaProbe;
import io.quarkus.test.junit.QuarkusTest;

/**
 * fulfilment-service as a consumer of orders.v1 on the real broker and database: orders are published here as
 * order-service would, and what fulfilment publishes is read back from inventory.v1, shipments.v1 and its
 * dead-letter topic. Each test uses SKUs and orders of its own; after each, every SKU's stock must add up.
 */
@QuarkusTest
class OrderEventsConsumerTest {

    private static final String DLQ = "fulfilment-service.orders.v1.dlq";

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
    void stockIsConservedForEverySku() {
        publisher.close();
        kafka.close();
        assertThat(store.unbalancedSkus()).isEmpty();
    }

    @Test
    void aPlacedOrderReservesEveryLine() {
        String book = store.newSku("BOOK", 10);
        String mug = store.newSku("MUG", 10);
        UUID order = newOrder();

        publisher.publish(EventTypes.ORDER_PLACED, order, placed(order, line(book, 2), line(mug, 1)));

        ConsumerRecord<String, String> event = only(Topics.INVENTORY, order);
        assertThat(header(event, CloudEventHeaders.TYPE)).isEqualTo(EventTypes.STOCK_RESERVED.type());
        assertThat(header(event, CloudEventHeaders.SOURCE)).isEqualTo("/fanout/fulfilment-service");
        assertThat(header(event, CloudEventHeaders.SUBJECT)).isEqualTo(order.toString());
        StockReserved reserved = EventJson.decode(event.value(), StockReserved.class);
        assertThat(reserved.orderId()).isEqualTo(order);
        assertThat(reserved.items()).containsExactly(new StockItem(book, 2), new StockItem(mug, 1));
        assertThat(store.levels(book)).isEqualTo(new Levels(8, 2, 0, 10));
        assertThat(store.levels(mug)).isEqualTo(new Levels(9, 1, 0, 10));
        assertThat(store.status(order)).isEqualTo("RESERVED");
    }

    @Test
    void aScarceSkuOverOrderedRejectsTheWholeOrderAndReservesNothing() {
        String plenty = store.newSku("PLENTY", 10);
        String scarce = store.newSku("LIMITED", 2);
        UUID order = newOrder();

        publisher.publish(EventTypes.ORDER_PLACED, order, placed(order, line(plenty, 3), line(scarce, 3)));

        ConsumerRecord<String, String> event = only(Topics.INVENTORY, order);
        assertThat(header(event, CloudEventHeaders.TYPE)).isEqualTo(EventTypes.STOCK_REJECTED.type());
        StockRejected rejected = EventJson.decode(event.value(), StockRejected.class);
        assertThat(rejected.reason()).isEqualTo("OUT_OF_STOCK");
        assertThat(rejected.shortages()).containsExactly(new StockRejected.Shortage(scarce, 3, 2));
        assertThat(rejected.message()).isEqualTo(scarce + ": 3 requested, 2 available");
        // all or none: the line that was available is not reserved either
        assertThat(store.levels(plenty)).isEqualTo(new Levels(10, 0, 0, 10));
        assertThat(store.levels(scarce)).isEqualTo(new Levels(2, 0, 0, 2));
        assertThat(store.status(order)).isEqualTo("REJECTED");
    }

    @Test
    void anUnknownSkuRejectsTheOrder() {
        String known = store.newSku("KNOWN", 10);
        String unknown = "NOPE-" + UUID.randomUUID();
        UUID order = newOrder();

        publisher.publish(EventTypes.ORDER_PLACED, order, placed(order, line(known, 1), line(unknown, 2)));

        StockRejected rejected = EventJson.decode(only(Topics.INVENTORY, order).value(), StockRejected.class);
        assertThat(rejected.reason()).isEqualTo("UNKNOWN_SKU");
        assertThat(rejected.shortages()).containsExactly(new StockRejected.Shortage(unknown, 2, 0));
        assertThat(rejected.message()).isEqualTo(unknown + ": not in the catalogue");
        assertThat(store.levels(known)).isEqualTo(new Levels(10, 0, 0, 10));
    }

    @Test
    void aRejectedOrderReleasesItsStockOnceHoweverOftenItIsRejected() {
        String sku = store.newSku("REL", 10);
        UUID order = newOrder();
        publisher.publish(EventTypes.ORDER_PLACED, order, placed(order, line(sku, 4)));
        store.awaitStatus(order, "RESERVED");
        assertThat(store.levels(sku)).isEqualTo(new Levels(6, 4, 0, 10));

        UUID first = publisher.publish(EventTypes.ORDER_REJECTED, order, rejected(order));
        publisher.publish(EventTypes.ORDER_REJECTED, order, rejected(order), first);
        UUID second = publisher.publish(EventTypes.ORDER_REJECTED, order, rejected(order));
        store.awaitConsumed(second);

        assertThat(store.status(order)).isEqualTo("RELEASED");
        assertThat(store.levels(sku)).isEqualTo(new Levels(10, 0, 0, 10));
        List<ConsumerRecord<String, String>> events = kafka.awaitKey(Topics.INVENTORY, order.toString(), 2, TIMEOUT);
        assertThat(events).extracting(r -> header(r, CloudEventHeaders.TYPE))
                .containsExactly(EventTypes.STOCK_RESERVED.type(), EventTypes.STOCK_RELEASED.type());
        StockReleased released = EventJson.decode(events.get(1).value(), StockReleased.class);
        assertThat(released.items()).containsExactly(new StockItem(sku, 4));
    }

    @Test
    void aConfirmedOrderShipsOnce() {
        String book = store.newSku("SHIP", 10);
        String mug = store.newSku("SHIP", 10);
        UUID order = newOrder();
        publisher.publish(EventTypes.ORDER_PLACED, order, placed(order, line(book, 2), line(mug, 1)));

        UUID confirmation = publisher.publish(EventTypes.ORDER_CONFIRMED, order, confirmed(order));
        publisher.publish(EventTypes.ORDER_CONFIRMED, order, confirmed(order), confirmation);
        UUID again = publisher.publish(EventTypes.ORDER_CONFIRMED, order, confirmed(order));
        store.awaitConsumed(again);

        ConsumerRecord<String, String> event = only(Topics.SHIPMENTS, order);
        assertThat(header(event, CloudEventHeaders.TYPE)).isEqualTo(EventTypes.SHIPMENT_DISPATCHED.type());
        ShipmentDispatched shipment = EventJson.decode(event.value(), ShipmentDispatched.class);
        assertThat(shipment.carrier()).isEqualTo("FANOUT_POST");
        assertThat(shipment.trackingNumber()).isEqualTo(TrackingNumbers.of("FP", order));
        assertThat(shipment.shipmentId()).startsWith("shp-");
        assertThat(shipment.items()).containsExactly(new StockItem(book, 2), new StockItem(mug, 1));
        assertThat(store.levels(book)).isEqualTo(new Levels(8, 0, 2, 10));
        assertThat(store.levels(mug)).isEqualTo(new Levels(9, 0, 1, 10));
        assertThat(store.status(order)).isEqualTo("DISPATCHED");
        assertThat(store.shipments(order)).isEqualTo(1);
        given().get("/reservations/{id}", order).then().statusCode(200)
                .body("shipment.shipmentId", equalTo(shipment.shipmentId()))
                .body("shipment.trackingNumber", equalTo(shipment.trackingNumber()));
    }

    @Test
    void anOrderRejectedBeforeItWasPlacedNeverReservesStock() {
        String sku = store.newSku("LATE", 10);
        UUID order = newOrder();

        publisher.publish(EventTypes.ORDER_REJECTED, order, rejected(order));
        store.awaitStatus(order, "CANCELLED");
        // OrderPlaced was dead-lettered, fixed, and redriven after the rejection
        publisher.publish(EventTypes.ORDER_PLACED, order, placed(order, line(sku, 1)));
        UUID again = publisher.publish(EventTypes.ORDER_PLACED, order, placed(order, line(sku, 1)));
        store.awaitConsumed(again);

        ConsumerRecord<String, String> event = only(Topics.INVENTORY, order);
        StockRejected refused = EventJson.decode(event.value(), StockRejected.class);
        assertThat(refused.reason()).isEqualTo("ORDER_CANCELLED");
        assertThat(refused.shortages()).isEmpty();
        assertThat(refused.message()).isEqualTo("order " + order + " was rejected before its stock was reserved");
        assertThat(store.levels(sku)).isEqualTo(new Levels(10, 0, 0, 10));
        assertThat(store.status(order)).isEqualTo("CANCELLED");
    }

    @Test
    void aRejectionAfterStockWasRefusedChangesNothing() {
        String scarce = store.newSku("NONE", 1);
        UUID order = newOrder();
        publisher.publish(EventTypes.ORDER_PLACED, order, placed(order, line(scarce, 2)));
        store.awaitStatus(order, "REJECTED");

        UUID rejection = publisher.publish(EventTypes.ORDER_REJECTED, order, rejected(order));
        store.awaitConsumed(rejection);

        assertThat(store.status(order)).isEqualTo("REJECTED");
        assertThat(store.outboxTypes(order)).containsExactly(EventTypes.STOCK_REJECTED.type());
        assertThat(store.levels(scarce)).isEqualTo(new Levels(1, 0, 0, 1));
    }

    @Test
    void aRedeliveredOrPlacedAgainOrderHasNoSecondEffect() {
        String sku = store.newSku("DUP", 10);
        UUID order = newOrder();
        UUID eventId = UUID.randomUUID();

        publisher.publish(EventTypes.ORDER_PLACED, order, placed(order, line(sku, 3)), eventId);
        publisher.publish(EventTypes.ORDER_PLACED, order, placed(order, line(sku, 3)), eventId);
        // a second OrderPlaced for the same order under a new event id (a producer re-publishing it)
        UUID placedAgain = publisher.publish(EventTypes.ORDER_PLACED, order, placed(order, line(sku, 3)));
        store.awaitConsumed(placedAgain);

        assertThat(store.reservations(order)).isEqualTo(1);
        assertThat(store.levels(sku)).isEqualTo(new Levels(7, 3, 0, 10));
        assertThat(store.outboxTypes(order)).containsExactly(EventTypes.STOCK_RESERVED.type());
        assertThat(only(Topics.INVENTORY, order)).isNotNull();
    }

    @Test
    void concurrentOrdersForAScarceSkuReserveExactlyWhatThereIs() {
        String scarce = store.newSku("LIMITED", 3);
        List<UUID> orders = IntStream.range(0, 5).mapToObj(i -> newOrder()).toList();

        orders.parallelStream().forEach(order -> publisher.publish(EventTypes.ORDER_PLACED, order,
                placed(order, line(scarce, 1))));

        List<String> statuses = orders.stream().map(store::awaitStatus).toList();
        assertThat(statuses).filteredOn("RESERVED"::equals).hasSize(3);
        assertThat(statuses).filteredOn("REJECTED"::equals).hasSize(2);
        assertThat(store.levels(scarce)).isEqualTo(new Levels(0, 3, 0, 3));
        Set<String> keys = orders.stream().map(UUID::toString).collect(Collectors.toSet());
        List<ConsumerRecord<String, String>> events = kafka.await(Topics.INVENTORY, r -> keys.contains(r.key()), 5,
                TIMEOUT);
        assertThat(events).extracting(r -> header(r, CloudEventHeaders.TYPE)).hasSize(5)
                .filteredOn(EventTypes.STOCK_RESERVED.type()::equals).hasSize(3);
    }

    @Test
    void poisonAndBusinessInvalidEventsAreDeadLetteredAndTheNextEventStillFlows() {
        String poisonKey = "poison-" + UUID.randomUUID();
        publisher.publishRaw(Topics.ORDERS, poisonKey, "{\"orderId\": 42".getBytes(StandardCharsets.UTF_8),
                CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.TYPE, EventTypes.ORDER_PLACED.type());
        UUID neverPlaced = newOrder();
        publisher.publish(EventTypes.ORDER_CONFIRMED, neverPlaced, confirmed(neverPlaced));
        String sku = store.newSku("NEXT", 5);
        UUID next = newOrder();
        publisher.publish(EventTypes.ORDER_PLACED, next, placed(next, line(sku, 1)));

        store.awaitStatus(next, "RESERVED");
        ConsumerRecord<String, String> poison = deadLetter(poisonKey);
        assertThat(header(poison, DeadLetterHeaders.CATEGORY)).isEqualTo("poison");
        assertThat(header(poison, "dead-letter-reason")).startsWith("poison record: not a valid OrderPlaced");
        assertThat(header(poison, "dead-letter-topic")).isEqualTo(Topics.ORDERS);
        assertThat(header(poison, "dead-letter-offset")).isNotNull();
        assertThat(header(poison, DeadLetterHeaders.CONSUMER)).isEqualTo("fulfilment-service/orders.v1");
        assertThat(header(poison, DeadLetterHeaders.ATTEMPTS)).isEqualTo("1");
        assertThat(header(poison, CloudEventHeaders.ID)).isNotNull();

        ConsumerRecord<String, String> invalid = deadLetter(neverPlaced.toString());
        assertThat(header(invalid, DeadLetterHeaders.CATEGORY)).isEqualTo("rejected");
        assertThat(header(invalid, "dead-letter-reason"))
                .isEqualTo("rejected: cannot dispatch order " + neverPlaced + ": it holds no reservation");
        assertThat(header(invalid, DeadLetterHeaders.ATTEMPTS)).isEqualTo("1");
        assertThat(header(invalid, CloudEventHeaders.TYPE)).isEqualTo(EventTypes.ORDER_CONFIRMED.type());
        assertThat(store.reservations(neverPlaced)).isZero();
    }

    @Test
    void confirmingAReleasedOrderIsDeadLettered() {
        String sku = store.newSku("GONE", 5);
        UUID order = newOrder();
        publisher.publish(EventTypes.ORDER_PLACED, order, placed(order, line(sku, 2)));
        publisher.publish(EventTypes.ORDER_REJECTED, order, rejected(order));
        publisher.publish(EventTypes.ORDER_CONFIRMED, order, confirmed(order));

        ConsumerRecord<String, String> invalid = deadLetter(order.toString());
        assertThat(header(invalid, "dead-letter-reason")).isEqualTo("rejected: cannot dispatch order " + order
                + ": its reservation was released (the order was rejected)");
        assertThat(store.status(order)).isEqualTo("RELEASED");
        assertThat(store.levels(sku)).isEqualTo(new Levels(5, 0, 0, 5));
    }

    private ConsumerRecord<String, String> only(String topic, UUID order) {
        List<ConsumerRecord<String, String>> records = kafka.awaitKey(topic, order.toString(), 1, TIMEOUT);
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    private ConsumerRecord<String, String> deadLetter(String key) {
        List<ConsumerRecord<String, String>> records = kafka.awaitKey(DLQ, key, 1, TIMEOUT);
        assertThat(records).hasSize(1);
        return records.get(0);
    }
}
