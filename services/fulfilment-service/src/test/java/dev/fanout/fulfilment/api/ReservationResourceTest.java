package dev.fanout.fulfilment.api;

import static dev.fanout.fulfilment.support.Orders.line;
import static dev.fanout.fulfilment.support.Orders.newOrder;
import static dev.fanout.fulfilment.support.Orders.placed;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.fanout.events.EventTypes;
import dev.fanout.fulfilment.support.StockStore;
import dev.fanout.testing.EventPublisher;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ReservationResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    StockStore store;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aReservationShowsItsStatusAndLines() {
        String sku = store.newSku("VIEW", 10);
        UUID order = newOrder();
        try (EventPublisher publisher = new EventPublisher(bootstrap)) {
            publisher.publish(EventTypes.ORDER_PLACED, order, placed(order, line(sku, 2), line(sku, 1)));
        }
        store.awaitStatus(order, "RESERVED");

        given().get("/reservations/{id}", order).then().statusCode(200)
                .body("orderId", equalTo(order.toString()))
                .body("status", equalTo("RESERVED"))
                // two lines of one SKU are one line of the reservation
                .body("lines", hasSize(1))
                .body("lines[0].sku", equalTo(sku))
                .body("lines[0].quantity", equalTo(3))
                .body("rejection", nullValue())
                .body("shipment", nullValue())
                .body("createdAt", notNullValue());
    }

    @Test
    void aRefusedReservationSaysWhy() {
        String sku = store.newSku("VIEW", 1);
        UUID order = newOrder();
        try (EventPublisher publisher = new EventPublisher(bootstrap)) {
            publisher.publish(EventTypes.ORDER_PLACED, order, placed(order, line(sku, 2)));
        }
        store.awaitStatus(order, "REJECTED");

        given().get("/reservations/{id}", order).then().statusCode(200)
                .body("status", equalTo("REJECTED"))
                .body("lines[0].quantity", equalTo(2))
                .body("rejection.code", equalTo("OUT_OF_STOCK"))
                .body("rejection.message", equalTo(sku + ": 2 requested, 1 available"));
    }

    @Test
    void anUnknownOrderIsNotFound() {
        UUID order = UUID.randomUUID();
        given().get("/reservations/{id}", order).then().statusCode(404).contentType(PROBLEM)
                .body("detail", startsWith("fulfilment has no reservation for order " + order));
    }

    @Test
    void anOrderIdMustBeAUuid() {
        given().get("/reservations/not-a-uuid").then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:fanout:problem:bad-request"))
                .body("detail", startsWith("order id must be a UUID"));
        given().get("/reservations/1-2-3-4-5").then().statusCode(400).contentType(PROBLEM);
    }
}
