package dev.fanout.billing.api;

import static dev.fanout.billing.support.Orders.customer;
import static dev.fanout.billing.support.Orders.placed;
import static dev.fanout.billing.support.Orders.rejected;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.fanout.billing.support.BillingStore;
import dev.fanout.events.EventTypes;
import dev.fanout.events.order.OrderPlaced;
import dev.fanout.testing.EventPublisher;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;

/** GET /payments/{orderId}: each status as clients see it, and problem+json for what is not a payment. */
@QuarkusTest
class PaymentResourceTest {

    private static final RestAssuredConfig EXACT_DECIMALS = RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    BillingStore store;

    EventPublisher publisher;

    @BeforeEach
    void connect() {
        publisher = new EventPublisher(bootstrap);
    }

    @AfterEach
    void disconnect() {
        publisher.close();
    }

    @Test
    void anAuthorizedPayment() {
        OrderPlaced order = placed(customer(), "33.99");
        publisher.publish(EventTypes.ORDER_PLACED, order.orderId(), order);
        String authorizationId = store.awaitPayment(order.orderId(), "AUTHORIZED").authorizationId();

        given().config(EXACT_DECIMALS).get("/payments/{id}", order.orderId()).then()
                .statusCode(200)
                .contentType("application/json")
                .body("orderId", equalTo(order.orderId().toString()))
                .body("customerId", equalTo(order.customerId()))
                .body("status", equalTo("AUTHORIZED"))
                .body("amount", equalTo(new java.math.BigDecimal("33.99")))
                .body("currency", equalTo("GBP"))
                .body("authorizationId", equalTo(authorizationId))
                .body("authorizationId", matchesPattern("auth-[0-9a-f]{16}"))
                .body("createdAt", notNullValue())
                .body("updatedAt", notNullValue())
                .body("authorizedAt", notNullValue())
                .body("declineReason", nullValue())
                .body("voidedAt", nullValue());
    }

    @Test
    void aDeclinedPayment() {
        OrderPlaced order = placed(customer("decline-"), "5.00");
        publisher.publish(EventTypes.ORDER_PLACED, order.orderId(), order);
        store.awaitPayment(order.orderId(), "DECLINED");

        given().get("/payments/{id}", order.orderId()).then()
                .statusCode(200)
                .body("status", equalTo("DECLINED"))
                .body("declineReason", equalTo("CARD_DECLINED"))
                .body("declineMessage", equalTo("the issuer declined the card"))
                .body("declinedAt", notNullValue())
                .body("authorizationId", nullValue());
    }

    @Test
    void aVoidedPayment() {
        OrderPlaced order = placed(customer(), "8.00");
        publisher.publish(EventTypes.ORDER_PLACED, order.orderId(), order);
        store.awaitPayment(order.orderId(), "AUTHORIZED");
        publisher.publish(EventTypes.ORDER_REJECTED, order.orderId(), rejected(order));
        store.awaitPayment(order.orderId(), "VOIDED");

        given().get("/payments/{id}", order.orderId()).then()
                .statusCode(200)
                .body("status", equalTo("VOIDED"))
                .body("authorizationId", notNullValue())
                .body("authorizedAt", notNullValue())
                .body("voidedAt", notNullValue());
    }

    @Test
    void aCancelledTombstone() {
        OrderPlaced order = placed(customer(), "8.00");
        publisher.publish(EventTypes.ORDER_REJECTED, order.orderId(), rejected(order));
        store.awaitPayment(order.orderId(), "CANCELLED");

        given().get("/payments/{id}", order.orderId()).then()
                .statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("cancelledAt", notNullValue())
                .body("authorizationId", nullValue());
    }

    @Test
    void anUnknownOrderIsNotFound() {
        UUID unknown = UUID.randomUUID();

        given().get("/payments/{id}", unknown).then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:fanout:problem:not-found"))
                .body("status", equalTo(404))
                .body("detail", equalTo("no payment for order " + unknown));
    }

    @ParameterizedTest
    @ValueSource(strings = { "not-a-uuid", "1-2-3-4-5", "0193a7c25d1e7b3a9f0e1c2d3e4f5a6b" })
    void aMalformedOrderIdIsABadRequest(String id) {
        given().get("/payments/{id}", id).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:fanout:problem:bad-request"))
                .body("detail", equalTo("order id must be a UUID such as 0193a7c2-5d1e-7b3a-9f0e-1c2d3e4f5a6b, got '"
                        + id + "'"));
    }

    @Test
    void anUppercaseUuidIsAnOrderIdToo() {
        UUID unknown = UUID.randomUUID();
        given().get("/payments/{id}", unknown.toString().toUpperCase()).then().statusCode(404);
    }
}
