package dev.fanout.system.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import dev.fanout.events.CloudEventHeaders;
import dev.fanout.events.DeadLetterHeaders;
import dev.fanout.events.TopicCatalog;
import dev.fanout.events.Topics;
import dev.fanout.ops.OpsCli;
import dev.fanout.system.faults.OrderStream.Kind;
import dev.fanout.testing.EventPublisher;
import dev.fanout.testing.KafkaProbe;

/**
 * The platform under a steady stream of orders while things break: services killed with SIGKILL and restarted, one
 * stopped with SIGTERM as a deploy does, the broker stopped for 20 s, PostgreSQL restarted, Redis stopped for 20 s, poison on every topic, a consumer
 * failing until fixed and its dead letters redriven. After each fault every order placed so far reaches its
 * terminal state; at the end nothing was lost and no side effect happened twice.
 *
 * <p>All of it runs against infrastructure of the suite's own (fresh, so every invariant is exact). {@code
 * ./fanout test} runs the quick set (about seven to ten minutes on two cores); {@code ./fanout faults} runs every scenario
 * ({@code -Dfanout.faults.full=true}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultSuiteIT {

    static final boolean FULL = Boolean.getBoolean("fanout.faults.full");
    static final Duration TERMINAL = Duration.ofMinutes(4);
    static final String[] CONSUMERS = { "order-service", "billing-service", "fulfilment-service",
            "notification-service", "analytics-service" };

    PrivateInfrastructure infra;
    SuitePlatform platform;
    OrderStream orders;
    KafkaProbe kafka;
    EventPublisher publisher;

    final FaultSummary summary = new FaultSummary();

    @BeforeAll
    void start() {
        infra = new PrivateInfrastructure();
        infra.start();
        platform = SuitePlatform.start(infra);
        kafka = new KafkaProbe(infra.bootstrap());
        publisher = new EventPublisher(infra.bootstrap());
        // a steady trickle: enough to have orders in every state at every fault, little enough that a 2-core box
        // running seven JVMs, a broker and two databases catches up between faults
        orders = new OrderStream(platform.url("order-service"), 5);
    }

    /** The scenarios in order; the quick set in ./fanout test, all of them in ./fanout faults. */
    @TestFactory
    List<DynamicTest> scenarios() {
        List<DynamicTest> scenarios = new ArrayList<>();
        scenarios.add(scenario("two billing instances, one killed (SIGKILL)",
                this::oneOfTwoBillingInstancesKilledTheOtherTakesOver));
        scenarios.add(scenario("fulfilment killed and restarted", () -> killAndRestart("fulfilment-service")));
        scenarios.add(scenario("fulfilment stopped (SIGTERM) and restarted",
                () -> stoppedAndRestarted("fulfilment-service")));
        if (FULL) {
            for (String service : List.of("order-service", "billing-service", "notification-service",
                    "analytics-service")) {
                scenarios.add(scenario(service + " killed and restarted", () -> killAndRestart(service)));
            }
        }
        scenarios.add(scenario("Kafka broker stopped for 20 s", this::brokerStoppedForTwentySecondsIntakeCarriesOn));
        scenarios.add(scenario("PostgreSQL restarted", this::postgresRestarted));
        scenarios.add(scenario("Redis stopped for 20 s", this::redisStoppedForTwentySeconds));
        scenarios.add(scenario("poison records on every topic",
                this::poisonOnEveryTopicLandsInEverySubscribersDeadLetterTopic));
        scenarios.add(scenario("analytics onboarded from history after 1,000 orders (a new consumer group)",
                this::analyticsOnboardedFromHistory));
        scenarios.add(scenario("a consumer failing until fixed, its dead letters redriven",
                this::aConsumerFailingUntilFixedItsDeadLettersRedrivenAreProcessedOnce));
        scenarios.add(scenario("nothing lost, nothing twice", this::nothingLostNothingTwice));
        return scenarios;
    }

    private DynamicTest scenario(String name, Runnable scenario) {
        return DynamicTest.dynamicTest(name, () -> summary.run(name, orders, scenario));
    }

    @AfterAll
    void stop() {
        summary.print(orders, platform == null ? Map.of() : terminalCounts());
        for (AutoCloseable c : new AutoCloseable[] { orders, publisher, kafka, platform, infra }) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                System.err.println("fault suite cleanup: " + e.getMessage());
            }
        }
    }

    void oneOfTwoBillingInstancesKilledTheOtherTakesOver() {
        flowFor(Duration.ofSeconds(5));
        platform.kill("billing-service", 2);
        flowFor(Duration.ofSeconds(10));
        everyOrderSoFarIsTerminal();
    }

    void brokerStoppedForTwentySecondsIntakeCarriesOn() {
        int before = orders.accepted().size();
        infra.kafka().stop();
        Faults.hold(Duration.ofSeconds(20));
        int acceptedDuringOutage = orders.accepted().size() - before;
        // a load balancer takes every service out while it cannot reach Kafka (intake still answers: the outbox)
        everyService(Duration.ofSeconds(30), "not ready without Kafka", r -> !r.ready());
        infra.kafka().start(Duration.ofSeconds(90));
        assertThat(acceptedDuringOutage).as("orders accepted while Kafka was down").isGreaterThan(40);
        everyService(Duration.ofSeconds(60), "ready again with Kafka back", SuitePlatform.Readiness::ready);
        everyOrderSoFarIsTerminal();
    }

    void postgresRestarted() {
        flowFor(Duration.ofSeconds(3));
        infra.stopPostgres();
        try {
            everyService(Duration.ofSeconds(30), "not ready without PostgreSQL", r -> !r.ready());
        } finally {
            infra.startPostgres();
        }
        everyService(Duration.ofSeconds(60), "ready again with PostgreSQL back", SuitePlatform.Readiness::ready);
        flowFor(Duration.ofSeconds(10));
        everyOrderSoFarIsTerminal();
    }

    void redisStoppedForTwentySeconds() {
        int before = orders.accepted().size();
        infra.stopRedis();
        // Redis is order-service's cache (ready, degraded: reads from PostgreSQL) but analytics' store (not ready)
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(platform.readiness("order-service").degraded()).as("order-service ready but degraded: %s",
                    platform.readiness("order-service")).isTrue();
            assertThat(platform.readiness("analytics-service").ready()).as("analytics-service ready").isFalse();
        });
        Faults.hold(Duration.ofSeconds(20));
        int acceptedDuringOutage = orders.accepted().size() - before;
        infra.startRedis();
        everyService(Duration.ofSeconds(60), "ready with Redis back", r -> r.ready() && !r.degraded());
        assertThat(acceptedDuringOutage).as("orders accepted while Redis was down").isGreaterThan(40);
        everyOrderSoFarIsTerminal();
    }

    void poisonOnEveryTopicLandsInEverySubscribersDeadLetterTopic() {
        Map<String, List<String>> poisonKeys = new LinkedHashMap<>();
        for (String topic : List.of(Topics.ORDERS, Topics.PAYMENTS, Topics.INVENTORY, Topics.SHIPMENTS,
                Topics.NOTIFICATIONS)) {
            poisonKeys.put(topic, Poison.publishOn(publisher, topic));
        }
        flowFor(Duration.ofSeconds(5));
        poisonKeys.forEach((topic, keys) -> TopicCatalog.SUBSCRIPTIONS.forEach((service, topics) -> {
            if (!topics.contains(topic)) {
                return;
            }
            String dlq = TopicCatalog.deadLetterTopic(service, topic);
            for (String key : keys) {
                List<ConsumerRecord<String, String>> dead = kafka.awaitKey(dlq, key, 1, Duration.ofSeconds(60));
                assertThat(dead).as("%s in %s", key, dlq).hasSize(1);
                assertThat(KafkaProbe.header(dead.get(0), DeadLetterHeaders.CATEGORY)).isEqualTo("poison");
                assertThat(KafkaProbe.header(dead.get(0), DeadLetterHeaders.REASON)).startsWith("poison record: ");
                assertThat(KafkaProbe.header(dead.get(0), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(topic);
            }
        }));
        everyOrderSoFarIsTerminal();
    }

    void aConsumerFailingUntilFixedItsDeadLettersRedrivenAreProcessedOnce() {
        platform.restart("billing-service", 1, Map.of("FANOUT_BILLING_GATEWAY_FAIL_FIRST_ATTEMPTS", "1000",
                "FANOUT_CONSUMER_MAX_ATTEMPTS", "2", "FANOUT_CONSUMER_INITIAL_BACKOFF", "50ms"));
        Set<String> before = orders.accepted().keySet();
        flowFor(Duration.ofSeconds(8));
        Set<String> duringBreakage = orders.accepted().keySet().stream().filter(id -> !before.contains(id))
                .collect(Collectors.toSet());
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> kafka.recordsNow("billing-service.orders.v1.dlq")
                .stream().filter(r -> duringBreakage.contains(r.key())).count() >= duringBreakage.size());

        platform.restart("billing-service", 1, Map.of());
        int status = OpsCli.run("dlq", "redrive", "billing-service.orders.v1.dlq", "--all", "--bootstrap",
                infra.bootstrap());
        assertThat(status).isZero();

        everyOrderSoFarIsTerminal();
        List<ConsumerRecord<String, String>> payments = kafka.recordsNow(Topics.PAYMENTS);
        for (String order : duringBreakage) {
            long authorizations = payments.stream().filter(r -> order.equals(r.key()))
                    .filter(r -> "fanout.payment.authorized.v1".equals(KafkaProbe.header(r, CloudEventHeaders.TYPE)))
                    .map(r -> KafkaProbe.header(r, CloudEventHeaders.ID)).distinct().count();
            // a short order may have been rejected (by stock) before its OrderPlaced was redriven: billing then
            // declines it ORDER_CANCELLED instead of charging a rejected order, so 0 is right for it too
            Kind kind = orders.accepted().get(order);
            assertThat(authorizations).as("authorizations of redriven %s order %s", kind, order)
                    .isBetween(kind == Kind.GOOD ? 1L : 0L, kind == Kind.DECLINED ? 0L : 1L);
        }
    }

    /**
     * A newcomer: once 1,000 orders happened, a second analytics generation starts under a new consumer group and
     * reads every topic from the earliest offset while intake keeps running and no producer changes. The final
     * check compares its numbers with the first generation's and with the order database.
     */
    void analyticsOnboardedFromHistory() {
        Awaitility.await().atMost(Duration.ofMinutes(5)).until(() -> orders.accepted().size() >= 1000);
        platform.restart("analytics-service", 2, Map.of("FANOUT_ANALYTICS_GENERATION", "2"));
        flowFor(Duration.ofSeconds(5));
        everyOrderSoFarIsTerminal();
    }

    void nothingLostNothingTwice() {
        orders.stop();
        everyOrderSoFarIsTerminal();
        Invariants.check(platform, infra, kafka, orders.accepted());
        Invariants.analytics(platform, orders.accepted());
    }

    private void killAndRestart(String service) {
        flowFor(Duration.ofSeconds(5));
        platform.kill(service, 1);
        flowFor(Duration.ofSeconds(3));
        platform.restart(service, 1, Map.of());
        flowFor(Duration.ofSeconds(5));
        everyOrderSoFarIsTerminal();
    }

    /** Waits (bounded) until every service's readiness is as described. */
    private void everyService(Duration atMost, String what, Predicate<SuitePlatform.Readiness> expected) {
        Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, Integer> wrong = new LinkedHashMap<>();
            for (String service : SuitePlatform.SERVICES) {
                SuitePlatform.Readiness readiness = platform.readiness(service);
                if (!expected.test(readiness)) {
                    wrong.put(service, readiness.status());
                }
            }
            assertThat(wrong).as("services not %s (readiness status)", what).isEmpty();
        });
    }

    /**
     * A deploy: SIGTERM mid-stream, then a new start. What the stopping service was processing when its pools closed
     * is redelivered after the restart, never dead-lettered.
     */
    private void stoppedAndRestarted(String service) {
        flowFor(Duration.ofSeconds(5));
        platform.restart(service, 1, Map.of());
        flowFor(Duration.ofSeconds(5));
        everyOrderSoFarIsTerminal();
        Map<String, Kind> placed = orders.accepted();
        for (var dlq : TopicCatalog.deadLetterTopics()) {
            if (dlq.name().startsWith(service + ".")) {
                assertThat(kafka.recordsNow(dlq.name()).stream().filter(r -> placed.containsKey(r.key()))
                        .map(r -> r.key() + " " + KafkaProbe.header(r, "dead-letter-reason")).toList())
                        .as("events of our orders dead-lettered by %s around its stop", service).isEmpty();
            }
        }
    }

    private void flowFor(Duration duration) {
        Faults.hold(duration);
    }

    private void everyOrderSoFarIsTerminal() {
        Map<String, Kind> placed = orders.accepted();
        Awaitility.await().atMost(TERMINAL).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Map<String, String> status = platform.statuses(placed.keySet());
            List<String> wrong = new ArrayList<>();
            placed.forEach((id, kind) -> {
                if (!kind.expectedStatus.equals(status.get(id))) {
                    wrong.add(id + " " + kind + " is " + status.get(id));
                }
            });
            assertThat(wrong).as("orders not (yet) where they should end").isEmpty();
        });
    }

    private Map<String, Long> terminalCounts() {
        return platform.statusCounts(orders.accepted().keySet());
    }

}
