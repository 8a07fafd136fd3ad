package dev.fanout.analytics.events;

import static dev.fanout.analytics.support.Analytics.audited;
import static dev.fanout.analytics.support.TestGeneration.TIMEOUT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.fanout.analytics.aggregate.AggregateUpdate;
import dev.fanout.analytics.aggregate.Aggregation;
import dev.fanout.analytics.aggregate.EventFacts;
import dev.fanout.analytics.aggregate.Keys;
import dev.fanout.analytics.store.Generations;
import dev.fanout.analytics.support.Publisher;
import dev.fanout.events.EventJson;
import dev.fanout.events.EventType;
import dev.fanout.events.EventTypes;
import dev.fanout.events.golden.GoldenSamples;
import dev.fanout.events.golden.GoldenSamples.Sample;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Consumer-side contract: every golden sample of every event type, exactly as some released producer wrote it
 * (unknown fields included), is read by the real pipeline, audited as it arrived, and counted. Each sample is sent
 * under an order id of this run (the samples' own ids would collide with earlier runs), otherwise byte for byte.
 */
@QuarkusTest
class GoldenSamplesContractTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    Generations generations;
    @Inject
    RedisDataSource redis;

    @Test
    void everyEventTypeHasSamplesAndTheRulesAcceptThemAll() {
        Aggregation rules = new Aggregation(new Keys("x:", 1), java.time.Duration.ofDays(8),
                java.time.Duration.ofDays(35));
        for (EventType<?> type : EventTypes.ALL) {
            assertThat(GoldenSamples.of(type)).as(type.type()).isNotEmpty();
            for (Sample sample : GoldenSamples.of(type)) {
                Object payload = EventJson.decode(sample.bytes(), type.payloadClass());
                AggregateUpdate update = rules.plan(type, payload, null);
                assertThat(update.ops()).as(sample.path()).isNotEmpty();
                assertThat(update.eventTime()).as(sample.path()).isNotNull();
                assertThat(EventFacts.orderId(payload)).as(sample.path()).isNotNull();
            }
        }
    }

    @Test
    void everySampleIsAuditedAsItArrivedAndCounted() throws Exception {
        Map<UUID, UUID> orders = new HashMap<>();
        Map<UUID, Sample> sent = new HashMap<>();
        Map<UUID, UUID> orderOf = new HashMap<>();
        try (Publisher publisher = new Publisher(bootstrap)) {
            for (Sample sample : GoldenSamples.all()) {
                UUID sampleOrder = sampleOrder(sample);
                UUID order = orders.computeIfAbsent(sampleOrder, o -> UUID.randomUUID());
                assertThat(sample.json()).contains(sampleOrder.toString());
                UUID eventId = publisher.publishJson(sample.eventType(), order,
                        sample.json().replace(sampleOrder.toString(), order.toString()), UUID.randomUUID(),
                        Instant.now());
                sent.put(eventId, sample);
                orderOf.put(eventId, order);
            }
        }

        for (UUID order : orders.values()) {
            List<UUID> mine = orderOf.entrySet().stream().filter(e -> e.getValue().equals(order))
                    .map(Map.Entry::getKey).toList();
            Awaitility.await().atMost(TIMEOUT).until(() -> audited(order, mine).size() == mine.size());
            // read with Jackson, exact decimals (RestAssured's JsonPath would turn 33.99 into a float)
            JsonNode history = EventJson.mapper().readTree(given().get("/audit/orders/{id}", order).then()
                    .statusCode(200).extract().asString());
            for (JsonNode event : history.get("events")) {
                Sample sample = sent.get(UUID.fromString(event.get("eventId").asText()));
                if (sample == null) {
                    continue; // a reaction of another service running on the shared broker
                }
                assertThat(event.get("type").asText()).isEqualTo(sample.eventType().type());
                JsonNode stored = event.get("payload");
                JsonNode expected = EventJson.mapper().readTree(sample.json().replace(sampleOrder(sample).toString(),
                        order.toString()));
                assertThat(stored).as(sample.path()).isEqualTo(expected);
            }
        }

        // the samples of order ...a6b tell one journey: placed, confirmed (33.99 GBP), shipped, voided (33.99 GBP)
        UUID journey = orders.get(UUID.fromString("0193a7c2-5d1e-7b3a-9f0e-1c2d3e4f5a6b"));
        Keys keys = generations.keys(generations.own());
        Map<String, String> state = redis.hash(String.class).hgetall(keys.order(journey));
        assertThat(state).containsEntry("placed", "1").containsEntry("confirmed", "1")
                .containsEntry("shipped", "1").containsEntry("rejected", "1")
                .containsEntry("cur", "GBP").containsEntry("rev", "3399")
                .containsEntry("voided:auth-01a2184a59b77e8f", "1").containsEntry("counted", "0")
                .containsEntry("latency:confirmed-shipped", "1");
        assertThat(Long.parseLong(state.get("void:GBP"))).isGreaterThanOrEqualTo(3399);
        // the tolerant-reader sample (unknown fields) is counted like any other placement
        UUID tolerant = orders.get(UUID.fromString("0193a7c2-5d1e-7b3a-9f0e-1c2d3e4f5a6c"));
        assertThat(redis.hash(String.class).hgetall(keys.order(tolerant))).containsEntry("placed", "1");
    }

    private static UUID sampleOrder(Sample sample) {
        return EventFacts.orderId(EventJson.decode(sample.bytes(), sample.eventType().payloadClass()));
    }
}
