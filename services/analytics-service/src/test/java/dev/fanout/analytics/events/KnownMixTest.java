package dev.fanout.analytics.events;

import static dev.fanout.analytics.support.Analytics.number;
import static dev.fanout.analytics.support.Analytics.summary;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.fanout.analytics.AnalyticsSettings;
import dev.fanout.analytics.aggregate.Aggregation;
import dev.fanout.analytics.aggregate.Keys;
import dev.fanout.analytics.aggregate.LatencyHistogram;
import dev.fanout.analytics.aggregate.Money;
import dev.fanout.analytics.store.AggregateStore;
import dev.fanout.analytics.store.Generations;
import dev.fanout.analytics.support.OrderMix;
import dev.fanout.analytics.support.OrderMix.Step;
import dev.fanout.analytics.support.OrderMix.Truth;
import dev.fanout.analytics.support.Profiles;
import dev.fanout.analytics.support.Publisher;
import dev.fanout.events.CloudEventHeaders;
import dev.fanout.events.EventJson;
import dev.fanout.events.EventType;
import dev.fanout.events.EventTypes;
import dev.fanout.events.Topics;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Three hundred orders of a known mix, published as the producers would, on a broker of the test's own (so every
 * number, totals included, can be exact): the summary, top products and timeline equal the truth computed
 * independently. Then a rebuild: the same events, replayed from the topics into a new generation in a very different
 * order, give equal numbers, and activation switches what the summary serves.
 */
@QuarkusTest
@TestProfile(Profiles.PrivateBroker.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KnownMixTest {

    static final int ORDERS = 300;
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    static OrderMix mix;
    static Instant base;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    Generations generations;
    @Inject
    AggregateStore store;
    @Inject
    AnalyticsSettings settings;
    @Inject
    RedisDataSource redis;

    @Test
    @Order(1)
    void theNumbersEqualTheKnownTruth() {
        base = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.HOURS);
        mix = new OrderMix(ORDERS, base);
        Truth truth = mix.truth;
        List<Step> phase1 = mix.steps.stream().filter(s -> s.phase() == 1).toList();
        List<Step> phase2 = mix.steps.stream().filter(s -> s.phase() == 2).toList();
        assertThat(phase2).isNotEmpty();

        try (Publisher publisher = new Publisher(bootstrap)) {
            phase1.forEach(step -> publish(publisher, step));
            awaitApplied(phase1.size());

            // shipments whose confirmation is still held back are counted, their latency waits for the confirmation
            JsonPath early = summary(null);
            assertThat(early.getLong("orders.shipped")).isEqualTo(truth.shipped);
            assertThat(early.getLong("orders.confirmed")).isEqualTo(truth.confirmed - phase2.size());
            assertThat(early.getLong("latency.confirmedToShipped.count"))
                    .isEqualTo(truth.confirmedToShipped.size() - phase2.size());

            phase2.forEach(step -> publish(publisher, step));
            // redeliveries: the same events again, same ids
            for (int i = 0; i < mix.steps.size(); i += 37) {
                publish(publisher, mix.steps.get(i));
            }
            phase2.forEach(step -> publish(publisher, step));
        }
        awaitApplied(mix.steps.size());

        JsonPath summary = summary(null);
        assertThat(summary.getInt("generation")).isEqualTo(generations.own());
        assertThat(summary.getLong("orders.placed")).isEqualTo(truth.placed).isEqualTo(ORDERS);
        assertThat(summary.getLong("orders.confirmed")).isEqualTo(truth.confirmed);
        assertThat(summary.getLong("orders.rejected")).isEqualTo(truth.rejected);
        assertThat(summary.getLong("orders.shipped")).isEqualTo(truth.shipped);

        Map<String, Long> net = new TreeMap<>();
        Map<String, Long> gross = new TreeMap<>();
        Map<String, Long> orders = new TreeMap<>();
        Map<String, String> amounts = new TreeMap<>();
        for (Map<String, Object> revenue : summary.<Map<String, Object>>getList("revenue")) {
            String currency = (String) revenue.get("currency");
            net.put(currency, number(revenue.get("minorUnits")));
            gross.put(currency, number(revenue.get("confirmedMinorUnits")));
            orders.put(currency, number(revenue.get("confirmedOrders")));
            amounts.put(currency, (String) revenue.get("amount"));
            assertThat(number(revenue.get("voidedMinorUnits")))
                    .isEqualTo(truth.grossRevenue.get(currency) - truth.netRevenue.get(currency));
        }
        assertThat(net).isEqualTo(truth.netRevenue);
        assertThat(gross).isEqualTo(truth.grossRevenue);
        assertThat(orders).isEqualTo(truth.confirmedOrders);
        assertThat(amounts).containsEntry("JPY", Long.toString(truth.netRevenue.get("JPY")))
                .containsEntry("BHD", Money.format(truth.netRevenue.get("BHD"), 3))
                .containsEntry("GBP", Money.format(truth.netRevenue.get("GBP"), 2));

        Map<String, Long> rejections = new TreeMap<>();
        for (Map<String, Object> r : summary.<Map<String, Object>>getList("rejections")) {
            rejections.put(r.get("stage") + ":" + r.get("code"), number(r.get("count")));
        }
        assertThat(rejections).isEqualTo(truth.rejections);
        assertThat(summary.<String, Object>getMap("events")).hasSize(truth.eventTypes.size());
        truth.eventTypes.forEach((type, n) -> assertThat(number(summary.getMap("events").get(type))).as(type)
                .isEqualTo(n));
        truth.notifications.forEach((channel, n) -> assertThat(number(summary.getMap("notifications").get(channel)))
                .isEqualTo(n));
        assertThat(summary.getLong("applied.events")).isEqualTo(truth.events);

        latency(summary, "placedToConfirmed", truth.placedToConfirmed);
        latency(summary, "confirmedToShipped", truth.confirmedToShipped);

        JsonPath top = given().queryParam("limit", 100).get("/analytics/top-products").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Long> units = new HashMap<>();
        List<Long> order = new ArrayList<>();
        for (Map<String, Object> product : top.<Map<String, Object>>getList("products")) {
            units.put((String) product.get("sku"), number(product.get("units")));
            order.add(number(product.get("units")));
        }
        assertThat(units).isEqualTo(truth.skuUnits);
        List<Long> sorted = new ArrayList<>(order);
        sorted.sort(Collections.reverseOrder());
        assertThat(order).isEqualTo(sorted);
        assertThat(given().queryParam("limit", 3).get("/analytics/top-products").then().statusCode(200).extract()
                .jsonPath().getList("products.sku")).hasSize(3);

        assertThat(timeline(null)).isEqualTo(expectedMinutes(truth));
    }

    @Test
    @Order(2)
    void aRebuildFromTheSameEventsGivesEqualNumbersAndActivationSwitchesReads() {
        assertThat(mix).as("runs after the known mix").isNotNull();
        int current = generations.own();
        int rebuilt = current + 1;
        Keys keys = generations.keys(rebuilt);
        Aggregation rules = new Aggregation(keys, settings.orderStateTtl(), settings.timelineRetention());

        // replay every topic from the earliest offset, shipments first and orders last
        int replayed = 0;
        for (String topic : List.of(Topics.SHIPMENTS, Topics.NOTIFICATIONS, Topics.PAYMENTS, Topics.INVENTORY,
                Topics.ORDERS)) {
            for (ConsumerRecord<String, byte[]> record : readAll(topic)) {
                EventType<?> type = EventTypes.byType(header(record, CloudEventHeaders.TYPE)).orElseThrow();
                Object payload = EventJson.decode(record.value(), type.payloadClass());
                String time = header(record, CloudEventHeaders.TIME);
                store.apply(keys, UUID.fromString(header(record, CloudEventHeaders.ID)),
                        rules.plan(type, payload, time == null ? null : Instant.parse(time)), Instant.now())
                        .await().atMost(Duration.ofSeconds(10));
                replayed++;
            }
        }
        assertThat(replayed).isGreaterThan(mix.steps.size());

        assertThat(comparable(summary(rebuilt))).isEqualTo(comparable(summary(current)));
        assertThat(summary(rebuilt).getBoolean("active")).isFalse();
        assertThat(topProducts(rebuilt)).isEqualTo(topProducts(current));
        assertThat(timeline(rebuilt)).isEqualTo(timeline(current));

        given().post("/analytics/generations/{n}/activate", rebuilt).then().statusCode(200)
                .body("active", equalTo(rebuilt)).body("instance", equalTo(current));
        JsonPath served = summary(null);
        assertThat(served.getInt("generation")).isEqualTo(rebuilt);
        assertThat(served.getBoolean("active")).isTrue();
        assertThat(comparable(served)).isEqualTo(comparable(summary(current)));
        JsonPath list = given().get("/analytics/generations").then().statusCode(200).extract().jsonPath();
        assertThat(list.getInt("active")).isEqualTo(rebuilt);
        Map<Integer, Long> applied = new HashMap<>();
        for (Map<String, Object> g : list.<Map<String, Object>>getList("generations")) {
            applied.put((Integer) g.get("generation"), number(g.get("eventsApplied")));
        }
        assertThat(applied).containsEntry(current, mix.truth.events).containsEntry(rebuilt, mix.truth.events);

        // the active generation and this instance's own cannot be deleted
        given().delete("/analytics/generations/{n}", rebuilt).then().statusCode(409)
                .body("type", equalTo("urn:fanout:problem:generation-active"));
        given().delete("/analytics/generations/{n}", current).then().statusCode(409)
                .body("type", equalTo("urn:fanout:problem:generation-in-use"));

        // an old generation goes entirely, and can no longer be activated
        Keys old = generations.keys(current + 2);
        Aggregation oldRules = new Aggregation(old, settings.orderStateTtl(), settings.timelineRetention());
        for (Step step : mix.steps.subList(0, 50)) {
            store.apply(old, step.eventId(), oldRules.plan(step.type(), step.payload(), null), Instant.now())
                    .await().atMost(Duration.ofSeconds(10));
        }
        assertThat(keysOf(old)).isNotEmpty();
        given().delete("/analytics/generations/{n}", current + 2).then().statusCode(202);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> keysOf(old).isEmpty());
        given().queryParam("generation", current + 2).get("/analytics/summary").then().statusCode(404);
        given().post("/analytics/generations/{n}/activate", current + 2).then().statusCode(409);
        assertThat(given().get("/analytics/generations").then().extract().jsonPath()
                .getList("generations.generation", Integer.class)).contains(current, rebuilt)
                .doesNotContain(current + 2);

        // and back
        given().post("/analytics/generations/{n}/activate", current).then().statusCode(200);
        assertThat(summary(null).getInt("generation")).isEqualTo(current);
    }

    // ---- helpers ----

    private void publish(Publisher publisher, Step step) {
        publishTyped(publisher, step.type(), step);
    }

    @SuppressWarnings("unchecked")
    private static <T> void publishTyped(Publisher publisher, EventType<T> type, Step step) {
        publisher.publish(type, step.order(), (T) step.payload(), step.eventId());
    }

    private static void awaitApplied(long events) {
        Awaitility.await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> summary(null).getLong("applied.events") >= events);
        assertThat(summary(null).getLong("applied.events")).isEqualTo(events);
    }

    private static void latency(JsonPath summary, String leg, List<Long> values) {
        LatencyHistogram histogram = new LatencyHistogram();
        values.forEach(histogram::record);
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        String path = "latency." + leg + ".";
        assertThat(summary.getLong(path + "count")).isEqualTo(values.size());
        assertThat(summary.getLong(path + "maxMs")).isEqualTo(sorted.get(sorted.size() - 1));
        assertThat(summary.getLong(path + "meanMs")).isEqualTo(Math.round(sorted.stream().mapToLong(Long::longValue)
                .average().orElseThrow()));
        for (String p : List.of("p50", "p90", "p99")) {
            double q = Integer.parseInt(p.substring(1)) / 100.0;
            long exact = sorted.get((int) Math.ceil(q * sorted.size()) - 1);
            long reported = summary.getLong(path + p + "Ms");
            assertThat(reported).as(leg + " " + p).isEqualTo(histogram.percentile(q));
            assertThat(reported).as(leg + " " + p + " vs exact " + exact)
                    .isCloseTo(exact, within(Math.max(4, (long) Math.ceil(exact * 0.05))));
        }
    }

    private static Map<String, List<Long>> expectedMinutes(Truth truth) {
        Map<String, List<Long>> minutes = new TreeMap<>();
        truth.minutes.forEach((minute, counts) -> minutes.put(minute.toString(),
                List.of(counts[0], counts[1], counts[2], counts[3])));
        return minutes;
    }

    private static Map<String, List<Long>> timeline(Integer generation) {
        var request = given().queryParam("from", base.toString())
                .queryParam("to", base.plus(Duration.ofHours(3)).toString());
        if (generation != null) {
            request.queryParam("generation", generation);
        }
        JsonPath timeline = request.get("/analytics/timeline").then().statusCode(200).extract().jsonPath();
        Map<String, List<Long>> minutes = new TreeMap<>();
        for (Map<String, Object> m : timeline.<Map<String, Object>>getList("minutes")) {
            minutes.put((String) m.get("minute"), List.of(number(m.get("placed")), number(m.get("confirmed")),
                    number(m.get("rejected")), number(m.get("shipped"))));
        }
        return minutes;
    }

    private static List<Object> topProducts(int generation) {
        return given().queryParam("limit", 100).queryParam("generation", generation).get("/analytics/top-products")
                .then().statusCode(200).extract().jsonPath().getList("products");
    }

    /** The summary without what legitimately differs between generations. */
    private static Map<String, Object> comparable(JsonPath summary) {
        Map<String, Object> all = new TreeMap<>(summary.getMap(""));
        all.remove("generation");
        all.remove("active");
        @SuppressWarnings("unchecked")
        Map<String, Object> applied = new TreeMap<>((Map<String, Object>) all.remove("applied"));
        applied.remove("duplicates");
        applied.remove("lastAppliedAt");
        all.put("applied", applied);
        return all;
    }

    private List<String> keysOf(Keys keys) {
        List<String> found = new ArrayList<>();
        redis.key().scan(new KeyScanArgs().match(keys.prefix() + "*").count(1000)).toIterable().forEach(found::add);
        return found;
    }

    private List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                assertThat(System.nanoTime()).as("reading " + topic).isLessThan(deadline);
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
