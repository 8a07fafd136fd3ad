package dev.fanout.analytics.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.fanout.analytics.store.Generations;
import io.quarkus.test.junit.QuarkusTest;

/** The read and generation endpoints: what they answer, and every request they refuse, as problem+json. */
@QuarkusTest
class AnalyticsApiTest {

    static final String PROBLEM = "application/problem+json";

    @Inject
    Generations generations;

    @Test
    void theSummaryServesTheActiveGeneration() {
        int own = generations.own();
        given().get("/analytics/summary").then().statusCode(200).contentType("application/json")
                .body("generation", equalTo(own))
                .body("active", equalTo(true))
                .body("orders.placed", notNullValue())
                .body("latency.placedToConfirmed.count", notNullValue())
                .body("applied.events", notNullValue());
        given().queryParam("generation", own).get("/analytics/summary").then().statusCode(200)
                .body("generation", equalTo(own));
    }

    @Test
    void generationsAreListedAndGuarded() {
        int own = generations.own();
        given().get("/analytics/generations").then().statusCode(200)
                .body("active", equalTo(own))
                .body("instance", equalTo(own))
                .body("generations.generation", hasItem(own));
        given().post("/analytics/generations/{n}/activate", own + 998).then().statusCode(409)
                .contentType(PROBLEM).body("type", equalTo("urn:fanout:problem:generation-empty"));
        given().post("/analytics/generations/{n}/activate", "two").then().statusCode(400).contentType(PROBLEM);
        given().delete("/analytics/generations/{n}", own).then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("urn:fanout:problem:generation-in-use"));
        given().delete("/analytics/generations/{n}", 0).then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void anUnknownOrMalformedGenerationIsAProblem() {
        int unknown = generations.own() + 997;
        given().queryParam("generation", unknown).get("/analytics/summary").then().statusCode(404)
                .contentType(PROBLEM).body("detail", startsWith("there is no analytics generation " + unknown));
        given().queryParam("generation", unknown).get("/analytics/top-products").then().statusCode(404);
        given().queryParam("generation", unknown).queryParam("from", "2026-11-26T09:00:00Z")
                .queryParam("to", "2026-11-26T10:00:00Z").get("/analytics/timeline").then().statusCode(404);
        for (String bad : new String[] { "abc", "0", "-1", "1.5" }) {
            given().queryParam("generation", bad).get("/analytics/summary").then().statusCode(400)
                    .contentType(PROBLEM)
                    .body("detail", equalTo("'generation' must be a positive integer, got '" + bad + "'"));
        }
    }

    @Test
    void theTimelineTakesAtMost24HoursOfIsoInstants() {
        given().queryParam("from", "2026-11-26T09:00:00Z").queryParam("to", "2026-11-27T09:00:00Z")
                .get("/analytics/timeline").then().statusCode(200).contentType("application/json")
                .body("bucket", equalTo("PT1M"))
                .body("from", equalTo("2026-11-26T09:00:00Z"))
                .body("to", equalTo("2026-11-27T09:00:00Z"))
                .body("minutes", notNullValue())
                .body("totals.placed", notNullValue());
        given().queryParam("from", "2026-11-26T10:00:00+01:00").queryParam("to", "2026-11-26T09:30:00Z")
                .get("/analytics/timeline").then().statusCode(200).body("from", equalTo("2026-11-26T09:00:00Z"));

        given().queryParam("to", "2026-11-26T10:00:00Z").get("/analytics/timeline").then().statusCode(400)
                .contentType(PROBLEM).body("detail", startsWith("'from' is required"));
        given().queryParam("from", "yesterday").queryParam("to", "2026-11-26T10:00:00Z")
                .get("/analytics/timeline").then().statusCode(400)
                .body("detail", startsWith("'from' must be an ISO-8601 instant"));
        given().queryParam("from", "2026-11-26T10:00:00Z").queryParam("to", "2026-11-26T10:00:00Z")
                .get("/analytics/timeline").then().statusCode(400)
                .body("detail", equalTo("'from' (2026-11-26T10:00:00Z) must be before 'to' (2026-11-26T10:00:00Z)"));
        given().queryParam("from", "2026-11-26T09:00:00Z").queryParam("to", "2026-11-27T09:00:01Z")
                .get("/analytics/timeline").then().statusCode(400).contentType(PROBLEM)
                .body("detail", startsWith("at most 24 hours per call"));
    }

    @Test
    void topProductsTakeALimitFrom1To100() {
        given().get("/analytics/top-products").then().statusCode(200).contentType("application/json")
                .body("limit", equalTo(10))
                .body("products.size()", lessThanOrEqualTo(10))
                .body("generation", equalTo(generations.own()));
        given().queryParam("limit", 100).get("/analytics/top-products").then().statusCode(200)
                .body("limit", equalTo(100));
        for (String bad : new String[] { "0", "101", "ten", "-3" }) {
            given().queryParam("limit", bad).get("/analytics/top-products").then().statusCode(400)
                    .contentType(PROBLEM)
                    .body("detail", equalTo("'limit' must be an integer from 1 to 100, got '" + bad + "'"));
        }
    }

    @Test
    void readinessReportsRedis() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'analytics-redis' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'analytics-redis' }.data.generation", equalTo(generations.own()));
    }
}
