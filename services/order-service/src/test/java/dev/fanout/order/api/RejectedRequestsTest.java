package dev.fanout.order.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.fanout.events.Topics;
import dev.fanout.order.support.OrderStore;
import dev.fanout.testing.KafkaProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * Every class of bad input gets the right 4xx as application/problem+json with a detail that says what to fix, and
 * changes nothing: no row in any table, no record on any topic.
 */
@QuarkusTest
class RejectedRequestsTest {

    @Inject
    OrderStore store;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    record Case(String name, String contentType, String body, String idempotencyKey, int status, String detail,
            String field) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Case json(String name, String body, int status, String detail, String field) {
        return new Case(name, "application/json", body, null, status, detail, field);
    }

    static String order(String linesJson) {
        return "{\"customerId\": \"cust-1\", \"currency\": \"GBP\", \"lines\": [" + linesJson + "]}";
    }

    static String line(String sku, String quantity, String unitPrice) {
        return "{\"sku\": " + sku + ", \"quantity\": " + quantity + ", \"unitPrice\": " + unitPrice + "}";
    }

    static Stream<Case> badRequests() {
        String ok = line("\"A-1\"", "1", "9.99");
        String manyLines = IntStream.range(0, 51).mapToObj(i -> line("\"SKU-" + i + "\"", "1", "1.00"))
                .collect(Collectors.joining(","));
        return Stream.of(
                // 400: not the JSON this endpoint reads
                json("malformed JSON", "{\"customerId\": \"c\", currency: }", 400, "malformed JSON at line 1", null),
                json("trailing garbage", order(ok) + " {}", 400, "malformed JSON", null),
                json("a JSON array, not an object", "[1, 2]", 400, "the body must be a JSON object", null),
                json("empty body", "", 400, "a JSON body is required", null),
                json("quantity not a number", order(line("\"A\"", "\"abc\"", "1")), 400,
                        "'lines[0].quantity' must be an integer", null),
                json("fractional quantity", order(line("\"A\"", "1.5", "1")), 400,
                        "'lines[0].quantity' must be an integer", null),
                json("money as a string", order(line("\"A\"", "1", "\"12.50\"")), 400,
                        "'lines[0].unitPrice' must be a number", null),
                json("non-numeric money", order(line("\"A\"", "1", "\"twelve\"")), 400,
                        "'lines[0].unitPrice' must be a number", null),
                json("customer id as a number", "{\"customerId\": 42, \"currency\": \"GBP\", \"lines\": [" + ok
                        + "]}", 400, "'customerId' must be a string", null),
                json("unknown field", "{\"customerId\": \"c\", \"currency\": \"GBP\", \"discount\": 10, \"lines\": ["
                        + ok + "]}", 400, "unknown field 'discount'", null),
                // 422: well-formed, but not an order we accept
                json("missing customer", "{\"currency\": \"GBP\", \"lines\": [" + ok + "]}", 422, "is required",
                        "customerId"),
                json("blank customer", "{\"customerId\": \"  \", \"currency\": \"GBP\", \"lines\": [" + ok + "]}",
                        422, "is required", "customerId"),
                json("customer id with odd characters", "{\"customerId\": \"c 1; drop\", \"currency\": \"GBP\", "
                        + "\"lines\": [" + ok + "]}", 422, "may only contain", "customerId"),
                json("missing currency", "{\"customerId\": \"c\", \"lines\": [" + ok + "]}", 422, "is required",
                        "currency"),
                json("unknown currency", order(ok).replace("GBP", "XYZ"), 422, "'XYZ' is not a currency we accept",
                        "currency"),
                json("lower-case currency", order(ok).replace("GBP", "gbp"), 422, "'gbp' is not a currency",
                        "currency"),
                json("no lines", order(""), 422, "at least one line is required", "lines"),
                json("missing lines", "{\"customerId\": \"c\", \"currency\": \"GBP\"}", 422,
                        "at least one line is required", "lines"),
                json("too many lines", order(manyLines), 422, "at most 50 lines per order, got 51", "lines"),
                json("missing sku", order(line("null", "1", "1")), 422, "is required", "lines[0].sku"),
                json("repeated sku", order(ok + "," + ok), 422, "repeats lines[0]", "lines[1].sku"),
                json("zero quantity", order(line("\"A\"", "0", "1")), 422, "must be at least 1, got 0",
                        "lines[0].quantity"),
                json("negative quantity", order(line("\"A\"", "-3", "1")), 422, "must be at least 1, got -3",
                        "lines[0].quantity"),
                json("absurd quantity", order(line("\"A\"", "1000000", "1")), 422, "must be at most 1000",
                        "lines[0].quantity"),
                json("missing quantity", order("{\"sku\": \"A\", \"unitPrice\": 1}"), 422, "is required",
                        "lines[0].quantity"),
                json("negative price", order(line("\"A\"", "1", "-0.01")), 422, "must not be negative",
                        "lines[0].unitPrice"),
                json("absurd price", order(line("\"A\"", "1", "99999999")), 422, "must be at most 100000",
                        "lines[0].unitPrice"),
                json("sub-penny price", order(line("\"A\"", "1", "12.345")), 422,
                        "more decimals than the currency allows (2)", "lines[0].unitPrice"),
                json("fractional yen", order(line("\"A\"", "1", "100.5")).replace("GBP", "JPY"), 422,
                        "more decimals than the currency allows (0)", "lines[0].unitPrice"),
                // 413, 415, bad headers
                json("oversized body", "{\"customerId\": \"" + "x".repeat(70_000) + "\"}", 413,
                        "at most 64 KiB", null),
                new Case("text/plain body", "text/plain", order(ok), null, 415, "application/json", null),
                new Case("form-encoded body (curl -d without a header)", "application/x-www-form-urlencoded", order(ok), null,
                        415, "application/json", null),
                new Case("idempotency key with spaces", "application/json", order(ok), "my key", 400,
                        "Idempotency-Key must be 1 to 255 visible ASCII characters", null),
                new Case("idempotency key too long", "application/json", order(ok), "k".repeat(256), 400,
                        "Idempotency-Key must be 1 to 255", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void isRefusedWithAProblemAndChangesNothing(Case bad) {
        try (KafkaProbe kafka = new KafkaProbe(bootstrap)) {
            store.awaitOutboxDrained();
            OrderStore.Counts before = store.counts();
            long recordsBefore = kafka.endOffset(Topics.ORDERS);

            var response = request(bad).when().post("/orders").then()
                    .statusCode(bad.status())
                    .contentType("application/problem+json")
                    .body("status", equalTo(bad.status()))
                    .body("type", containsString("urn:fanout:problem:"))
                    .body("detail", containsString(bad.detail()))
                    .body(not(containsString("Exception")))
                    .body(not(containsString("\tat ")));
            if (bad.field() != null) {
                response.body("errors.field", hasItem(bad.field()));
            }

            store.awaitOutboxDrained();
            assertThat(store.counts()).as("nothing stored").isEqualTo(before);
            assertThat(kafka.endOffset(Topics.ORDERS)).as("nothing published").isEqualTo(recordsBefore);
        }
    }

    private static RequestSpecification request(Case bad) {
        RequestSpecification request = given().body(bad.body());
        request = request.contentType(bad.contentType());
        if (bad.idempotencyKey() != null) {
            request = request.header("Idempotency-Key", bad.idempotencyKey());
        }
        return request;
    }
}
