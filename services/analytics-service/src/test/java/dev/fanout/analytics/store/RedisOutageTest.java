package dev.fanout.analytics.store;

import static dev.fanout.analytics.support.Analytics.audited;
import static dev.fanout.analytics.support.Analytics.minute;
import static dev.fanout.analytics.support.Events.confirmed;
import static dev.fanout.analytics.support.Events.line;
import static dev.fanout.analytics.support.Events.placed;
import static dev.fanout.analytics.support.TestGeneration.TIMEOUT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.fanout.analytics.support.Events;
import dev.fanout.analytics.support.Profiles;
import dev.fanout.analytics.support.Publisher;
import dev.fanout.events.EventTypes;
import dev.fanout.events.Topics;
import dev.fanout.testing.KafkaProbe;
import dev.fanout.testing.PrivateRedis;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Redis is the only store of the aggregates. While it is down the read endpoints answer 503 problems with a
 * Retry-After, readiness says why, the audit trail (PostgreSQL) still answers, and the consumers wait: nothing is
 * dead-lettered, and once Redis is back every event that arrived meanwhile is counted, once.
 */
@QuarkusTest
@TestProfile(Profiles.OwnRedis.class)
class RedisOutageTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @AfterEach
    void redisBack() {
        PrivateRedis.startServer();
    }

    @Test
    void readsAnswer503WhileRedisIsDownAndConsumersCatchUpWithoutDoubleCounting() {
        Instant before = Events.privateMinute();
        Instant during = Events.privateMinute();
        UUID early = UUID.randomUUID();
        try (Publisher publisher = new Publisher(bootstrap)) {
            publisher.publish(EventTypes.ORDER_PLACED, early, placed(early, "GBP", before,
                    line(Events.privateSku(), 1, "1.00")));
            Awaitility.await().atMost(TIMEOUT).until(() -> minute(before).get(0) == 1L);
            double retriedBefore = retried();

            PrivateRedis.stopServer();

            for (String path : List.of("/analytics/summary", "/analytics/top-products",
                    "/analytics/timeline?from=2026-11-26T09:00:00Z&to=2026-11-26T10:00:00Z")) {
                given().get(path).then().statusCode(503).contentType("application/problem+json")
                        .header("Retry-After", "5")
                        .body("type", equalTo("urn:fanout:problem:analytics-unavailable"))
                        .body("detail", startsWith("the analytics aggregates live in Redis"));
            }
            given().get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'analytics-redis' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'analytics-redis' }.data.redis", startsWith("unavailable"));
            given().get("/q/health/live").then().statusCode(200);
            // the audit trail lives in PostgreSQL: it still answers
            given().get("/audit/orders/{id}", early).then().statusCode(200);

            List<UUID> orders = new ArrayList<>();
            Map<UUID, List<UUID>> mine = new HashMap<>();
            for (int i = 0; i < 5; i++) {
                UUID order = UUID.randomUUID();
                orders.add(order);
                UUID placedId = UUID.randomUUID();
                UUID confirmedId = UUID.randomUUID();
                mine.put(order, List.of(placedId, confirmedId));
                publisher.publish(EventTypes.ORDER_PLACED, order, placed(order, "EUR", during,
                        line(Events.privateSku(), 2, "3.00")), placedId);
                // redelivered while everything waits
                publisher.publish(EventTypes.ORDER_PLACED, order, placed(order, "EUR", during,
                        line(Events.privateSku(), 2, "3.00")), placedId);
                publisher.publish(EventTypes.ORDER_CONFIRMED, order, confirmed(order, "EUR", "6.00", during,
                        during.plusMillis(300)), confirmedId);
            }
            // the consumer meets the outage and waits (retries as an outage, without dead-lettering)
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> retried() > retriedBefore);
            for (UUID order : orders) {
                assertThat(audited(order, mine.get(order))).isEmpty();
            }

            PrivateRedis.startServer();

            Awaitility.await().atMost(TIMEOUT).until(() -> given().get("/analytics/summary").statusCode() == 200
                    && minute(during).get(1) == 5L);
            assertThat(minute(during)).containsExactly(5L, 5L, 0L, 0L);
            for (UUID order : orders) {
                assertThat(audited(order, mine.get(order))).isEqualTo(mine.get(order).stream()
                        .map(UUID::toString).toList());
            }
            given().get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'analytics-redis' }.status", equalTo("UP"));
            try (KafkaProbe kafka = new KafkaProbe(bootstrap)) {
                assertThat(kafka.recordsNow("analytics-service." + Topics.ORDERS + ".dlq"))
                        .noneMatch(r -> orders.stream().anyMatch(o -> o.toString().equals(r.key())));
            }
        }
    }

    /** Retries of orders.v1 events so far, from the kit's consumer metric. */
    private static double retried() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        double sum = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("fanout_consumer_events_total{") && line.contains("outcome=\"retried\"")
                    && line.contains("topic=\"orders.v1\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
