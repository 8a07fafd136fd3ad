package dev.fanout.order.read;

import static dev.fanout.order.support.Orders.customer;
import static dev.fanout.order.support.Orders.place;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ReadOrderTest {

    @Inject
    RedisDataSource redis;

    @Test
    void aJustPlacedOrderIsReadFromRedis() {
        String customer = customer();
        String id = place(customer);

        given().get("/orders/{id}", id).then().statusCode(200)
                .header("X-Fanout-Read-Source", "cache")
                .body("id", equalTo(id))
                .body("customerId", equalTo(customer))
                .body("status", equalTo("PENDING"))
                .body("total", equalTo(33.99f));
    }

    @Test
    void aMissIsAnsweredFromPostgresAndFillsRedis() {
        String id = place(customer());
        redis.key().del("fanout:order:" + id);

        given().get("/orders/{id}", id).then().statusCode(200)
                .header("X-Fanout-Read-Source", "database")
                .body("id", equalTo(id))
                .body("lines[1].sku", equalTo("MUG-0042"));
        given().get("/orders/{id}", id).then().statusCode(200)
                .header("X-Fanout-Read-Source", "cache")
                .body("id", equalTo(id));
    }

    @Test
    void anUnknownOrderIsANotFoundProblem() {
        UUID unknown = UUID.randomUUID();

        given().get("/orders/{id}", unknown).then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("no order " + unknown));
    }

    @Test
    void aMalformedIdIsABadRequestProblem() {
        given().get("/orders/{id}", "not-a-uuid").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("order id must be a UUID"));
        given().get("/orders/{id}", "1-2-3-4-5").then().statusCode(400)
                .contentType("application/problem+json");
    }
}
