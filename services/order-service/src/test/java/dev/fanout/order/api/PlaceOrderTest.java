package dev.fanout.order.api;

import static dev.fanout.order.support.Orders.customer;
import static dev.fanout.order.support.Orders.post;
import static dev.fanout.order.support.Orders.validBody;
import static dev.fanout.testing.KafkaProbe.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fanout.events.CloudEventHeaders;
import dev.fanout.events.EventJson;
import dev.fanout.events.Topics;
import dev.fanout.events.order.OrderPlaced;
import dev.fanout.order.support.OrderStore;
import dev.fanout.testing.KafkaProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

@QuarkusTest
class PlaceOrderTest {

    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    OrderStore store;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    KafkaProbe kafka;

    @BeforeEach
    void connect() {
        kafka = new KafkaProbe(bootstrap);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void placesAPendingOrderAndAnswersWithItsLocation() {
        String customer = customer();

        ExtractableResponse<Response> created = post(validBody(customer)).statusCode(201)
                .contentType("application/json")
                .body("status", equalTo("PENDING"))
                .body("customerId", equalTo(customer))
                .body("currency", equalTo("GBP"))
                .body("total", equalTo(33.99f))
                .body("lines", hasSize(2))
                .body("lines[0].lineTotal", equalTo(25.0f))
                .extract();

        String id = created.path("id");
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(created.header("Location")).endsWith("/orders/" + id);
        assertThat(store.ordersWithId(id)).isEqualTo(1);
        assertThat(store.eventsFor(id)).isEqualTo(1);
    }

    @Test
    void publishesOrderPlacedKeyedByOrderIdAsABinaryCloudEvent() {
        String customer = customer();
        Instant before = Instant.now();
        String id = post(validBody(customer)).statusCode(201).extract().path("id");

        List<ConsumerRecord<String, String>> records = kafka.awaitKey(Topics.ORDERS, id, 1, EVENT_TIMEOUT);

        assertThat(records).hasSize(1);
        ConsumerRecord<String, String> record = records.get(0);
        assertThat(header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo("fanout.order.placed.v1");
        assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo("/fanout/order-service");
        assertThat(header(record, CloudEventHeaders.SUBJECT)).isEqualTo(id);
        assertThat(header(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(UUID.fromString(header(record, CloudEventHeaders.ID))).isNotNull();
        assertThat(Instant.parse(header(record, CloudEventHeaders.TIME))).isBetween(before, Instant.now());

        OrderPlaced event = EventJson.decode(record.value(), OrderPlaced.class);
        assertThat(event.orderId()).hasToString(id);
        assertThat(event.customerId()).isEqualTo(customer);
        assertThat(event.currency()).isEqualTo("GBP");
        assertThat(event.total()).isEqualByComparingTo("33.99");
        assertThat(event.lines()).containsExactly(
                new OrderPlaced.Line("BOOK-0001", 2, new BigDecimal("12.50")),
                new OrderPlaced.Line("MUG-0042", 1, new BigDecimal("8.99")));
    }

    @Test
    void aRetryWithTheSameKeyAndBodyReturnsTheFirstOrderAndStoresNothingNew() {
        String key = UUID.randomUUID().toString();
        String customer = customer();
        String first = post(validBody(customer), key).statusCode(201).extract().path("id");
        OrderStore.Counts afterFirst = store.counts();

        // same meaning, other spelling: the fingerprint ignores formatting and trailing zeros
        String sameOrder = validBody(customer).replace("12.50", "12.5").replace("\n", " ");
        post(sameOrder, key).statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("Location", endsWith("/orders/" + first))
                .body("id", equalTo(first));

        assertThat(store.counts()).isEqualTo(afterFirst);
        assertThat(kafka.awaitKey(Topics.ORDERS, first, 1, EVENT_TIMEOUT)).hasSize(1);
    }

    @Test
    void aKeyOlderThanTheRetentionPlacesANewOrder() {
        String key = UUID.randomUUID().toString();
        String customer = customer();
        String first = post(validBody(customer), key).statusCode(201).extract().path("id");
        store.ageIdempotencyKey(key, Duration.ofHours(25)); // fanout.orders.idempotency-retention=24h
        OrderStore.Counts before = store.counts();

        ExtractableResponse<Response> answer = post(validBody(customer), key).statusCode(201).extract();
        String second = answer.path("id");

        assertThat(second).isNotEqualTo(first);
        assertThat(answer.header("Location")).endsWith("/orders/" + second);
        assertThat(answer.header("Idempotent-Replayed")).isNull();
        OrderStore.Counts after = store.counts();
        assertThat(after.orders()).isEqualTo(before.orders() + 1);
        assertThat(after.keys()).as("the expired record gave way to the new one").isEqualTo(before.keys());
        assertThat(kafka.awaitKey(Topics.ORDERS, second, 1, EVENT_TIMEOUT)).hasSize(1);
    }

    @Test
    void theSameKeyWithADifferentBodyIsRefusedAndChangesNothing() {
        String key = UUID.randomUUID().toString();
        String first = post(validBody(customer()), key).statusCode(201).extract().path("id");
        OrderStore.Counts afterFirst = store.counts();

        post(validBody(customer()), key).statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:fanout:problem:idempotency-key-reused"))
                .body("detail", containsString(key))
                .body("detail", containsString(first));

        assertThat(store.counts()).isEqualTo(afterFirst);
    }

    @Test
    void concurrentRetriesWithOneKeyCreateExactlyOneOrder() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = validBody(customer());
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<String>> calls = IntStream.range(0, 8)
                    .mapToObj(i -> CompletableFuture.supplyAsync(
                            () -> post(body, key).statusCode(201).extract().<String>path("id"), clients))
                    .toList();
            List<String> ids = calls.stream().map(CompletableFuture::join).distinct().toList();

            assertThat(ids).hasSize(1);
            assertThat(store.ordersWithId(ids.get(0))).isEqualTo(1);
            assertThat(store.eventsFor(ids.get(0))).isEqualTo(1);
        } finally {
            clients.shutdownNow();
        }
    }
}
