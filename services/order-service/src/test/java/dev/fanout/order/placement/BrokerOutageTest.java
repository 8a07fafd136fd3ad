package dev.fanout.order.placement;

import static dev.fanout.order.support.Orders.customer;
import static dev.fanout.order.support.Orders.place;
import static dev.fanout.testing.KafkaProbe.header;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.fanout.events.CloudEventHeaders;
import dev.fanout.events.Topics;
import dev.fanout.order.support.OrderStore;
import dev.fanout.testing.KafkaProbe;
import dev.fanout.testing.PrivateKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The outbox under a broker outage: intake never waits for Kafka, and once the broker is back every event goes out
 * exactly once, each partition in the order the orders were placed.
 */
@QuarkusTest
@TestProfile(BrokerOutageTest.OwnBroker.class)
class BrokerOutageTest {

    static final int ORDERS_DURING_OUTAGE = 20;

    public static class OwnBroker implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PrivateKafka.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fanout.outbox.max-backoff", "1s");
        }
    }

    @Inject
    OrderStore store;

    @Test
    void ordersPlacedWhileKafkaIsDownArePublishedOnceEachAndInOrderWhenItIsBack() {
        String bootstrap = PrivateKafka.broker().bootstrap();
        try (KafkaProbe kafka = new KafkaProbe(bootstrap)) {
            String beforeOutage = place(customer());
            assertThat(kafka.awaitKey(Topics.ORDERS, beforeOutage, 1, Duration.ofSeconds(30))).hasSize(1);

            PrivateKafka.broker().kill();

            List<String> placed = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < ORDERS_DURING_OUTAGE; i++) {
                placed.add(place(customer()));
            }
            long intakeMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(intakeMillis).as("intake does not wait for Kafka").isLessThan(10_000);
            assertThat(store.unsentEvents()).isGreaterThanOrEqualTo(ORDERS_DURING_OUTAGE);
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready")
                    .then().body("checks.find { it.name == 'kafka' }.status",
                            equalTo("DOWN")));

            PrivateKafka.broker().start(Duration.ofSeconds(60));

            Set<String> keys = Set.copyOf(placed);
            List<ConsumerRecord<String, String>> records = kafka.await(Topics.ORDERS, r -> keys.contains(r.key()),
                    ORDERS_DURING_OUTAGE, Duration.ofSeconds(60));
            assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(placed);
            assertThat(records).extracting(r -> header(r, CloudEventHeaders.ID)).doesNotHaveDuplicates();
            store.awaitOutboxDrained();

            // within each partition, events appear in the order the orders were committed (outbox id order)
            List<String> commitOrder = store.outboxOrderOfKeys(placed);
            Map<Integer, List<ConsumerRecord<String, String>>> byPartition = records.stream()
                    .collect(Collectors.groupingBy(ConsumerRecord::partition));
            byPartition.values().forEach(partition -> {
                List<String> published = partition.stream().sorted(Comparator.comparingLong(ConsumerRecord::offset))
                        .map(ConsumerRecord::key).toList();
                List<String> committed = commitOrder.stream().filter(published::contains).toList();
                assertThat(published).isEqualTo(committed);
            });
        }
    }
}
