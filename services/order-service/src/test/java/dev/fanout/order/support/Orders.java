package dev.fanout.order.support;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Request bodies and calls the tests share. */
public final class Orders {

    private Orders() {
    }

    public static String customer() {
        return "cust-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A valid order of two lines (total 2 x 12.50 + 1 x 8.99 = 33.99). */
    public static String validBody(String customerId) {
        return """
                {"customerId": "%s", "currency": "GBP", "lines": [
                  {"sku": "BOOK-0001", "quantity": 2, "unitPrice": 12.50},
                  {"sku": "MUG-0042", "quantity": 1, "unitPrice": 8.99}]}
                """.formatted(customerId);
    }

    public static ValidatableResponse post(String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/orders").then();
    }

    public static ValidatableResponse post(String body, String idempotencyKey) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", idempotencyKey).body(body)
                .when().post("/orders").then();
    }

    /** Places a valid order and returns its id. */
    public static String place(String customerId) {
        return post(validBody(customerId)).statusCode(201).extract().path("id");
    }
}
