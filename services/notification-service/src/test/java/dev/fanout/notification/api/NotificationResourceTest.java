package dev.fanout.notification.api;

import static dev.fanout.notification.support.Orders.confirmed;
import static dev.fanout.notification.support.Orders.newCustomer;
import static dev.fanout.notification.support.Orders.newOrder;
import static dev.fanout.notification.support.Orders.placed;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
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
import dev.fanout.notification.support.NotificationStore;
import dev.fanout.testing.EventPublisher;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class NotificationResourceTest {

    @Inject
    NotificationStore store;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void listsEveryDeliveryOfTheOrderOldestFirstWithRecipientsMasked() {
        UUID order = newOrder();
        String customer = newCustomer();
        try (EventPublisher publisher = new EventPublisher(bootstrap)) {
            UUID placedId = publisher.publish(EventTypes.ORDER_PLACED, order, placed(order, customer));
            store.awaitSettled(order, 2);
            publisher.publish(EventTypes.ORDER_CONFIRMED, order, confirmed(order, customer));
            store.awaitSettled(order, 4);

            given().get("/notifications?orderId={id}", order).then().statusCode(200)
                    .contentType("application/json")
                    .body("", hasSize(4))
                    .body("about", contains(EventTypes.ORDER_PLACED.type(), EventTypes.ORDER_PLACED.type(),
                            EventTypes.ORDER_CONFIRMED.type(), EventTypes.ORDER_CONFIRMED.type()))
                    .body("channel", contains("EMAIL", "SMS", "EMAIL", "SMS"))
                    .body("status", contains("SENT", "SKIPPED", "SENT", "SKIPPED"))
                    .body("[0].notificationId", equalTo(order + "/fanout.order.placed.v1/EMAIL"))
                    .body("[0].aboutEventId", equalTo(placedId.toString()))
                    .body("[0].orderId", equalTo(order.toString()))
                    .body("[0].customerId", equalTo(customer))
                    .body("[0].recipient", equalTo("c***@customers.fanout.example"))
                    .body("[0].subject", equalTo("We have received your order " + order))
                    .body("[0].text", startsWith("Hello,"))
                    .body("[0].attempts", equalTo(1))
                    .body("[0].sentAt", notNullValue())
                    .body("[0].detail", nullValue())
                    .body("[1].detail", equalTo("no phone number on file"))
                    .body("[1].recipient", nullValue());
        }
    }

    @Test
    void anOrderNobodyWasToldAboutHasNoNotifications() {
        given().get("/notifications?orderId={id}", UUID.randomUUID()).then().statusCode(200).body("", empty());
    }

    @Test
    void aMissingOrMalformedOrderIdIsABadRequest() {
        given().get("/notifications").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:fanout:problem:bad-request"))
                .body("detail", startsWith("the orderId query parameter is required"));
        given().get("/notifications?orderId=").then().statusCode(400).contentType("application/problem+json");
        given().get("/notifications?orderId=not-a-uuid").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", startsWith("orderId must be a UUID"));
        given().get("/notifications?orderId=1-1-1-1-1").then().statusCode(400);
    }
}
