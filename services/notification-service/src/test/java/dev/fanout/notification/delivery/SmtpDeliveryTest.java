package dev.fanout.notification.delivery;

import static dev.fanout.notification.support.NotificationStore.TIMEOUT;
import static dev.fanout.notification.support.Orders.confirmed;
import static dev.fanout.notification.support.Orders.newCustomer;
import static dev.fanout.notification.support.Orders.newOrder;
import static dev.fanout.notification.support.Orders.placed;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fanout.events.EventJson;
import dev.fanout.events.EventTypes;
import dev.fanout.events.Topics;
import dev.fanout.events.notification.NotificationSent;
import dev.fanout.events.order.OrderConfirmed;
import dev.fanout.notification.support.GreenMailServer;
import dev.fanout.notification.support.NotificationStore;
import dev.fanout.notification.support.NotificationStore.Row;
import dev.fanout.notification.support.SmtpProfile;
import dev.fanout.testing.EventPublisher;
import dev.fanout.testing.KafkaProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The SMTP adapter end to end, against a real SMTP server (GreenMail) the test starts and may stop. */
@QuarkusTest
@TestProfile(SmtpProfile.class)
class SmtpDeliveryTest {

    private static final String CONFIRMED = EventTypes.ORDER_CONFIRMED.type();

    @Inject
    NotificationStore store;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    EventPublisher publisher;
    KafkaProbe kafka;

    @BeforeEach
    void connect() {
        publisher = new EventPublisher(bootstrap);
        kafka = new KafkaProbe(bootstrap);
    }

    @AfterEach
    void disconnect() {
        publisher.close();
        kafka.close();
    }

    @Test
    void anEmailReachesTheServerOnceCarryingItsIdAndRedeliveriesSendNothing() throws Exception {
        UUID order = newOrder();
        String customer = newCustomer();
        String address = "ada-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        contact(customer, "{\"email\": \"" + address + "\", \"phone\": \"+447700900123\"}");
        OrderConfirmed event = confirmed(order, customer);
        UUID eventId = UUID.randomUUID();

        publisher.publish(EventTypes.ORDER_CONFIRMED, order, event, eventId);

        String id = order + "/" + CONFIRMED + "/EMAIL";
        Row email = store.awaitStatus(id, "SENT");
        List<MimeMessage> received = GreenMailServer.messagesTo(address);
        assertThat(received).hasSize(1);
        MimeMessage message = received.get(0);
        assertThat(message.getAllRecipients()).extracting(Object::toString).containsExactly(address);
        assertThat(message.getFrom()).extracting(Object::toString).containsExactly("Fanout <orders@fanout.example>");
        assertThat(message.getSubject()).isEqualTo("Your order " + order + " is confirmed");
        assertThat(GreenMailServer.text(message)).contains("your order " + order + " is confirmed")
                .contains("Total: GBP 33.99");
        assertThat(GreenMailServer.html(message)).contains("<strong>" + order + "</strong>");
        assertThat(message.getMessageID()).isEqualTo("<" + id + "@notifications.fanout.example>");
        assertThat(GreenMailServer.header(message, SmtpSender.NOTIFICATION_ID_HEADER)).isEqualTo(id);
        assertThat(email.attempts()).isEqualTo(1);
        // SMS has no provider here: the recording adapter takes it, email went out by SMTP only
        assertThat(store.recordedIds(order)).containsExactly(order + "/" + CONFIRMED + "/SMS");

        // the same event again, the same step under a new id, then a marker behind them on the same partition
        publisher.publish(EventTypes.ORDER_CONFIRMED, order, event, eventId);
        publisher.publish(EventTypes.ORDER_CONFIRMED, order, event);
        UUID marker = publisher.publish(EventTypes.ORDER_PLACED, order, placed(order, customer));
        store.awaitConsumed(marker);

        assertThat(GreenMailServer.messagesTo(address)).hasSize(1);
        assertThat(store.delivery(id).attempts()).isEqualTo(1);
        List<ConsumerRecord<String, String>> sent = kafka.awaitKey(Topics.NOTIFICATIONS, order.toString(), 2,
                TIMEOUT);
        assertThat(sent).extracting(r -> EventJson.decode(r.value(), NotificationSent.class).notificationId())
                .containsExactlyInAnyOrder(id, order + "/" + CONFIRMED + "/SMS");
    }

    @Test
    void aShortSmtpOutageIsBridgedByRetries() {
        UUID order = newOrder();
        String customer = newCustomer();
        String address = customer + "@customers.fanout.example";
        String id = order + "/" + EventTypes.ORDER_PLACED.type() + "/EMAIL";
        GreenMailServer.stopServer();
        try {
            publisher.publish(EventTypes.ORDER_PLACED, order, placed(order, customer));
            Row failing = Awaitility.await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(50))
                    .until(() -> store.delivery(id), d -> d != null && d.attempts() >= 2);
            assertThat(failing.status()).isEqualTo("PENDING");
            assertThat(failing.detail()).startsWith("attempt ");
        } finally {
            GreenMailServer.startServer();
        }

        Row sent = store.awaitStatus(id, "SENT");
        assertThat(sent.attempts()).isBetween(2, 5);
        assertThat(GreenMailServer.messagesTo(address)).hasSize(1);
    }

    @Test
    void anOutageThatOutlastsTheAttemptsEndsFailedVisiblyAndCounted() {
        UUID order = newOrder();
        String customer = newCustomer();
        String id = order + "/" + EventTypes.ORDER_PLACED.type() + "/EMAIL";
        GreenMailServer.stopServer();
        Row failed;
        try {
            publisher.publish(EventTypes.ORDER_PLACED, order, placed(order, customer));
            failed = store.awaitStatus(id, "FAILED");
        } finally {
            GreenMailServer.startServer();
        }

        assertThat(failed.attempts()).isEqualTo(5);
        assertThat(failed.detail()).startsWith("gave up after 5 attempts: ");
        assertThat(failed.inFlight()).isFalse();
        given().get("/notifications?orderId={id}", order).then().statusCode(200)
                .body("find { it.channel == 'EMAIL' }.status", equalTo("FAILED"))
                .body("find { it.channel == 'EMAIL' }.detail", startsWith("gave up after 5 attempts"));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics.lines().filter(l -> l.startsWith("fanout_notifications_total{")
                && l.contains("channel=\"email\"") && l.contains("result=\"failed\""))).isNotEmpty();
        assertThat(metrics.lines().filter(l -> l.startsWith("fanout_notifications_total{")
                && l.contains("result=\"retried\""))).isNotEmpty();
        assertThat(metrics).contains("fanout_notifications_deliveries{").contains("status=\"pending\"")
                .contains("fanout_notifications_pending_oldest_age_seconds");
        // nothing sends a FAILED delivery again by itself, and no NotificationSent claims it was
        assertThat(store.outboxEvents(order)).isZero();
        assertThat(GreenMailServer.messagesTo(customer + "@customers.fanout.example")).isEmpty();
    }

    private void contact(String customer, String json) {
        given().contentType("application/json").body(json).put("/customers/{id}/contact", customer).then()
                .statusCode(200);
    }
}
