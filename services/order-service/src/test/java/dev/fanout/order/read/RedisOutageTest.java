package dev.fanout.order.read;

import static dev.fanout.order.support.Orders.customer;
import static dev.fanout.order.support.Orders.place;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.fanout.testing.PrivateRedis;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Redis going away costs latency, never an answer; readiness says the service is degraded, not down. */
@QuarkusTest
@TestProfile(RedisOutageTest.OwnRedis.class)
class RedisOutageTest {

    public static class OwnRedis implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PrivateRedis.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // retry Redis soon after a failure, so the recovery is quick to observe
            return Map.of("fanout.orders.cache.retry-after", "200ms");
        }
    }

    @AfterEach
    void redisBack() {
        PrivateRedis.startServer();
    }

    @Test
    void readsAndWritesCarryOnFromPostgresWhileRedisIsDown() {
        String customer = customer();
        String cached = place(customer);
        given().get("/orders/{id}", cached).then().statusCode(200).header("X-Fanout-Read-Source", "cache");

        PrivateRedis.stopServer();

        given().get("/orders/{id}", cached).then().statusCode(200)
                .header("X-Fanout-Read-Source", "database")
                .body("id", equalTo(cached));
        String placedDuringOutage = place(customer());
        given().get("/orders/{id}", placedDuringOutage).then().statusCode(200)
                .header("X-Fanout-Read-Source", "database");
        given().get("/customers/{id}/orders", customer).then().statusCode(200)
                .header("X-Fanout-Read-Source", "database")
                .body("orders.id", hasItem(cached));
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'order-read-cache' }.data.mode", equalTo("degraded"))
                .body("checks.find { it.name == 'order-read-cache' }.data.redis", startsWith("unavailable"));

        PrivateRedis.startServer();

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .get("/orders/{id}", placedDuringOutage).then().statusCode(200)
                .header("X-Fanout-Read-Source", "cache"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("order-read-cache"))
                .body("checks.find { it.name == 'order-read-cache' }.data.mode", equalTo("normal"));
    }
}
