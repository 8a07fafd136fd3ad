package dev.fanout.notification.delivery;

import static dev.fanout.notification.support.NotificationStore.TIMEOUT;
import static dev.fanout.notification.support.Orders.confirmed;
import static dev.fanout.notification.support.Orders.newCustomer;
import static dev.fanout.notification.support.Orders.newOrder;
import static dev.fanout.notification.support.Orders.placed;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.fanout.events.EventJson;
import dev.fanout.events.EventTypes;
import dev.fanout.events.Topics;
import dev.fanout.events.notification.NotificationSent;
import dev.fanout.notification.NotificationSettings;
import dev.fanout.notification.support.CrashWindowProfile;
import dev.fanout.notification.support.GreenMailServer;
import dev.fanout.notification.support.NotificationStore;
import dev.fanout.notification.support.NotificationStore.Row;
import dev.fanout.testing.EventPublisher;
import dev.fanout.testing.KafkaProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The one window the design leaves open: the instance dies after the provider accepted a message and before the
 * delivery was marked SENT. The dispatcher is off in this profile; the test claims deliveries itself (step 1),
 * sends (step 2) and stops there, as a crash would, then lets the dispatcher recover after the lease (3 s here).
 */
@QuarkusTest
@TestProfile(CrashWindowProfile.class)
class CrashWindowTest {

    @Inject
    Dispatcher dispatcher;

    @Inject
    SmtpSender smtp;

    @Inject
    NotificationSettings settings;

    @Inject
    NotificationStore store;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aCrashAfterTheProviderAcceptedIsRetriedOnceUnderTheSameIdAndAnnouncedOnce() {
        UUID order = newOrder();
        String customer = newCustomer();
        String address = "crash-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        given().contentType("application/json").body("{\"email\": \"" + address + "\", \"phone\": \"+447700900123\"}")
                .put("/customers/{id}/contact", customer).then().statusCode(200);
        String emailId = order + "/" + EventTypes.ORDER_CONFIRMED.type() + "/EMAIL";
        String smsId = order + "/" + EventTypes.ORDER_CONFIRMED.type() + "/SMS";
        try (EventPublisher publisher = new EventPublisher(bootstrap)) {
            publisher.publish(EventTypes.ORDER_CONFIRMED, order, confirmed(order, customer));
        }
        store.awaitStatus(emailId, "PENDING");
        store.awaitStatus(smsId, "PENDING");

        // step 1: claimed, the attempt on record before anything is sent
        List<Claimed> mine = claimMine(order);
        assertThat(mine).extracting(Claimed::id).containsExactlyInAnyOrder(emailId, smsId);
        Claimed email = mine.stream().filter(c -> c.channel() == Channel.EMAIL).findFirst().orElseThrow();
        // step 2 for the email: the SMTP server accepts it... and the instance dies before step 3
        smtp.send(email.message(settings.messageIdDomain())).await().atMost(Duration.ofSeconds(10));
        // the SMS (recording adapter) dies before its transaction commits: nothing of it exists anywhere
        assertThat(GreenMailServer.messagesTo(address)).hasSize(1);
        for (String id : List.of(emailId, smsId)) {
            Row row = store.delivery(id);
            assertThat(row.status()).isEqualTo("PENDING");
            assertThat(row.inFlight()).isTrue();
            assertThat(row.attempts()).isEqualTo(1);
            assertThat(row.attemptedAt()).isNotNull();
        }
        assertThat(store.recordedIds(order)).isEmpty();
        assertThat(store.outboxEvents(order)).isZero();

        // while the lease runs, nobody takes it again (a slow send is not sent twice)
        dispatcher.dispatchOnce().await().atMost(TIMEOUT);
        assertThat(store.delivery(emailId).attempts()).isEqualTo(1);

        // after the lease: the dispatcher of any instance recovers both
        Awaitility.await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> {
            dispatcher.dispatchOnce().await().atMost(TIMEOUT);
            return "SENT".equals(store.delivery(emailId).status()) && "SENT".equals(store.delivery(smsId).status());
        });

        // the email: sent twice, both copies carrying the same Message-ID (the receiver can drop the second)
        List<MimeMessage> copies = GreenMailServer.messagesTo(address);
        assertThat(copies).hasSize(2);
        assertThat(copies).extracting(m -> GreenMailServer.header(m, "Message-ID")).containsOnly(
                "<" + emailId + "@notifications.fanout.example>");
        assertThat(store.delivery(emailId).attempts()).isEqualTo(2);
        // the SMS through the recording adapter: exactly once
        assertThat(store.recordedIds(order)).containsExactly(smsId);
        assertThat(store.delivery(smsId).attempts()).isEqualTo(2);
        // and one NotificationSent per channel, whatever happened underneath
        try (KafkaProbe kafka = new KafkaProbe(bootstrap)) {
            List<ConsumerRecord<String, String>> sent = kafka.awaitKey(Topics.NOTIFICATIONS, order.toString(), 2,
                    TIMEOUT);
            assertThat(sent).extracting(r -> EventJson.decode(r.value(), NotificationSent.class).notificationId())
                    .containsExactlyInAnyOrder(emailId, smsId);
        }
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics.lines().filter(l -> l.startsWith("fanout_notifications_total{")
                && l.contains("result=\"recovered\""))).isNotEmpty();
    }

    @Test
    void aDeliveryWhoseEveryAttemptVanishesEndsFailedAfterMaxAttempts() {
        UUID order = newOrder();
        String customer = newCustomer();
        String emailId = order + "/" + EventTypes.ORDER_PLACED.type() + "/EMAIL";
        try (EventPublisher publisher = new EventPublisher(bootstrap)) {
            publisher.publish(EventTypes.ORDER_PLACED, order, placed(order, customer));
        }
        store.awaitStatus(emailId, "PENDING");

        // three claims (max-attempts here), each "crashing" before it sends anything
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(claimMine(order)).extracting(Claimed::attempt).containsExactly(attempt);
        }
        // after the last lease: FAILED, visibly, and never sent
        Row failed = Awaitility.await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> {
            dispatcher.dispatchOnce().await().atMost(TIMEOUT);
            return store.delivery(emailId);
        }, row -> row.status().equals("FAILED"));
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.inFlight()).isFalse();
        assertThat(failed.detail()).isEqualTo("gave up: attempt 3 never reported back (the instance stopped or "
                + "hung); the message may or may not have been delivered");
        assertThat(store.outboxEvents(order)).isZero();
        assertThat(GreenMailServer.messagesTo(customer + "@customers.fanout.example")).isEmpty();
    }

    /**
     * Claims whatever is due (as a dispatcher would; other tests' leftovers included, which stay in flight until
     * their lease expires) until this order's deliveries are among the claimed; returns those.
     */
    private List<Claimed> claimMine(UUID order) {
        return Awaitility.await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250))
                .until(() -> dispatcher.claim(10_000).await().atMost(TIMEOUT).stream()
                        .filter(c -> c.orderId().equals(order)).toList(), claimed -> !claimed.isEmpty());
    }
}
