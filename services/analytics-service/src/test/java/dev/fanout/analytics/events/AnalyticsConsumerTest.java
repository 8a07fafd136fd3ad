package dev.fanout.analytics.events;

import static dev.fanout.analytics.support.Analytics.auditTypes;
import static dev.fanout.analytics.support.Analytics.audited;
import static dev.fanout.analytics.support.Analytics.ids;
import static dev.fanout.analytics.support.Analytics.minute;
import static dev.fanout.analytics.support.Events.confirmed;
import static dev.fanout.analytics.support.Events.line;
import static dev.fanout.analytics.support.Events.placed;
import static dev.fanout.analytics.support.TestGeneration.TIMEOUT;
import static dev.fanout.testing.KafkaProbe.header;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fanout.analytics.aggregate.Keys;
import dev.fanout.analytics.store.Generations;
import dev.fanout.analytics.support.Events;
import dev.fanout.analytics.support.Publisher;
import dev.fanout.events.CloudEventHeaders;
import dev.fanout.events.DeadLetterHeaders;
import dev.fanout.events.EventTypes;
import dev.fanout.events.Topics;
import dev.fanout.testing.KafkaProbe;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The consumers on the real (shared) broker, under this run's own generation. The generation also reads every older
 * event of the broker, so each test counts in minutes of business time, SKUs and orders no one else uses.
 */
@QuarkusTest
class AnalyticsConsumerTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    Generations generations;
    @Inject
    RedisDataSource redis;

    Publisher publisher;
    KafkaProbe kafka;

    @BeforeEach
    void connect() {
        publisher = new Publisher(bootstrap);
        kafka = new KafkaProbe(bootstrap);
    }

    @AfterEach
    void disconnect() {
        publisher.close();
        kafka.close();
    }

    @Test
    void aRedeliveredEventCountsOnceAndSoDoesAnOrderPublishedTwice() {
        Instant at = Events.privateMinute();
        String sku = Events.privateSku();
        UUID order = UUID.randomUUID();
        UUID placedId = UUID.randomUUID();
        UUID confirmedId = UUID.randomUUID();

        publisher.publish(EventTypes.ORDER_PLACED, order, placed(order, "GBP", at, line(sku, 3, "4.50")), placedId);
        publisher.publish(EventTypes.ORDER_PLACED, order, placed(order, "GBP", at, line(sku, 3, "4.50")), placedId);
        // the same fact under a new event id (a producer publishing it again): counted once per order
        UUID placedAgain = publisher.publish(EventTypes.ORDER_PLACED, order, placed(order, "GBP", at,
                line(sku, 3, "4.50")));
        publisher.publish(EventTypes.ORDER_CONFIRMED, order, confirmed(order, "GBP", "13.50", at,
                at.plusMillis(400)), confirmedId);
        publisher.publish(EventTypes.ORDER_CONFIRMED, order, confirmed(order, "GBP", "13.50", at,
                at.plusMillis(400)), confirmedId);
        // one more behind them on the order's partition: once it is in, everything before it was processed
        UUID last = publisher.publish(EventTypes.ORDER_PLACED, order, placed(order, "GBP", at, line(sku, 3, "4.50")));

        List<UUID> mine = List.of(placedId, placedAgain, confirmedId, last);
        Awaitility.await().atMost(TIMEOUT).until(() -> audited(order, mine).size() == 4);
        assertThat(audited(order, mine)).isEqualTo(ids(placedId, placedAgain, confirmedId, last));
        assertThat(minute(at)).containsExactly(1L, 1L, 0L, 0L);
        Keys keys = generations.keys(generations.own());
        assertThat(redis.sortedSet(String.class).zscore(keys.topSkus(), sku)).hasValue(3.0);
        Map<String, String> state = redis.hash(String.class).hgetall(keys.order(order));
        assertThat(state).containsEntry("placed", "1").containsEntry("confirmed", "1").containsEntry("rev", "1350")
                .containsEntry("counted", "1350").containsEntry("cur", "GBP");
    }

    @Test
    void poisonAndBusinessInvalidEventsAreDeadLetteredAndTheNextEventStillFlows() {
        String poisonKey = "poison-" + UUID.randomUUID();
        publisher.publishRaw(Topics.ORDERS, poisonKey, "{\"orderId\": 42",
                CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.TYPE, EventTypes.ORDER_PLACED.type());
        Instant at = Events.privateMinute();
        UUID tooPrecise = UUID.randomUUID();
        publisher.publish(EventTypes.ORDER_CONFIRMED, tooPrecise, confirmed(tooPrecise, "GBP", "10.005", at, at));
        UUID metal = UUID.randomUUID();
        publisher.publish(EventTypes.PAYMENT_VOIDED, metal, Events.voided(metal, "auth-1", "XAU", "1", at));
        UUID next = UUID.randomUUID();
        UUID nextId = publisher.publish(EventTypes.ORDER_PLACED, next, placed(next, "GBP", at,
                line(Events.privateSku(), 1, "1.00")));
        UUID nextPayment = UUID.randomUUID();
        UUID nextPaymentId = publisher.publish(EventTypes.PAYMENT_AUTHORIZED, nextPayment,
                Events.authorized(nextPayment, "GBP", "1.00", at));

        Awaitility.await().atMost(TIMEOUT).until(() -> audited(next, List.of(nextId)).size() == 1
                && audited(nextPayment, List.of(nextPaymentId)).size() == 1);
        assertThat(minute(at)).containsExactly(1L, 0L, 0L, 0L);

        String group = "analytics-service-g" + generations.own();
        ConsumerRecord<String, String> poison = deadLetter(Topics.ORDERS, poisonKey);
        assertThat(header(poison, DeadLetterHeaders.CATEGORY)).isEqualTo("poison");
        assertThat(header(poison, DeadLetterHeaders.REASON)).startsWith("poison record: not a valid OrderPlaced");
        assertThat(header(poison, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.ORDERS);
        assertThat(header(poison, DeadLetterHeaders.CONSUMER)).isEqualTo(group + "/orders.v1");
        assertThat(header(poison, DeadLetterHeaders.SERVICE)).isEqualTo("analytics-service");
        assertThat(header(poison, DeadLetterHeaders.ATTEMPTS)).isEqualTo("1");

        ConsumerRecord<String, String> invalid = deadLetter(Topics.ORDERS, tooPrecise.toString());
        assertThat(header(invalid, DeadLetterHeaders.CATEGORY)).isEqualTo("rejected");
        assertThat(header(invalid, DeadLetterHeaders.REASON)).isEqualTo("rejected: amount 10.005 GBP has more "
                + "decimals than can be counted exactly (GBP has 2 decimals)");
        assertThat(header(invalid, DeadLetterHeaders.ATTEMPTS)).isEqualTo("1");
        assertThat(header(invalid, CloudEventHeaders.TYPE)).isEqualTo(EventTypes.ORDER_CONFIRMED.type());
        // a dead-lettered event enters neither the numbers nor the audit trail (until it is redriven)
        assertThat(auditTypes(tooPrecise)).isEmpty();

        ConsumerRecord<String, String> notMoney = deadLetter(Topics.PAYMENTS, metal.toString());
        assertThat(header(notMoney, DeadLetterHeaders.CATEGORY)).isEqualTo("rejected");
        assertThat(header(notMoney, DeadLetterHeaders.REASON)).contains("XAU is not a currency with minor units");
        assertThat(header(notMoney, DeadLetterHeaders.CONSUMER)).isEqualTo(group + "/payments.v1");
    }

    private ConsumerRecord<String, String> deadLetter(String topic, String key) {
        List<ConsumerRecord<String, String>> records = kafka.await("analytics-service." + topic + ".dlq",
                r -> key.equals(r.key()) && (header(r, DeadLetterHeaders.CONSUMER) + "").startsWith(
                        "analytics-service-g" + generations.own() + "/"), 1, TIMEOUT);
        assertThat(records).hasSize(1);
        return records.get(0);
    }
}
