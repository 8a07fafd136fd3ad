package dev.fanout.system.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;

import dev.fanout.events.CloudEventHeaders;
import dev.fanout.events.TopicCatalog;
import dev.fanout.events.Topics;
import dev.fanout.system.faults.OrderStream.Kind;
import dev.fanout.testing.KafkaProbe;

/**
 * Nothing lost, nothing twice, over the fault suite's own (fresh) infrastructure, so every count is exact. Each
 * check prints what it compared.
 */
final class Invariants {

    private Invariants() {
    }

    static void check(SuitePlatform platform, PrivateInfrastructure infra, KafkaProbe kafka, Map<String, Kind> orders) {
        List<String> ids = List.copyOf(orders.keySet());
        long good = orders.values().stream().filter(k -> k == Kind.GOOD).count();
        long declined = orders.values().stream().filter(k -> k == Kind.DECLINED).count();
        long shortOfStock = orders.values().stream().filter(k -> k == Kind.SHORT).count();

        // no order lost, none created that no client placed
        long stored = count(platform, "SELECT count(*) FROM orders.customer_order");
        report("orders stored = orders accepted by clients", stored, ids.size());
        assertThat(stored).isEqualTo(ids.size());

        // every outbox drained and every consumer caught up: the effects that follow a terminal order (a void, a
        // release, a notification) have happened, so the counts below are final
        awaitQuiet(platform, infra.bootstrap());

        // payments: one row per order, authorizations = shipped + voided, one authorization event per order
        // (a short order whose stock rejection billing saw before its OrderPlaced, as after a redrive, is declined
        // ORDER_CANCELLED instead of authorized and voided: never charge an order already rejected)
        long payments = count(platform, "SELECT count(*) FROM billing.payment");
        long authorized = count(platform, "SELECT count(*) FROM billing.payment WHERE status = 'AUTHORIZED'");
        long voided = count(platform, "SELECT count(*) FROM billing.payment WHERE status = 'VOIDED'");
        long cancelled = count(platform, "SELECT count(*) FROM billing.payment WHERE status = 'DECLINED' "
                + "AND decline_reason = 'ORDER_CANCELLED'");
        report("payments (one per order)", payments, ids.size());
        report("authorized = shipped orders", authorized, good);
        report("voided + cancelled before charge = out-of-stock orders", voided + cancelled, shortOfStock);
        assertThat(payments).isEqualTo(ids.size());
        assertThat(authorized).isEqualTo(good);
        assertThat(voided + cancelled).isEqualTo(shortOfStock);
        Map<String, Long> authorizationEvents = distinctEvents(kafka, Topics.PAYMENTS,
                "fanout.payment.authorized.v1", orders);
        report("orders with an authorization event = authorized + voided", authorizationEvents.size(),
                authorized + voided);
        assertThat(authorizationEvents.values()).as("authorization events per order").allMatch(n -> n == 1);
        assertThat((long) authorizationEvents.size()).isEqualTo(authorized + voided);
        long charges = count(platform,
                "SELECT count(*) FROM billing.simulated_gateway_charge WHERE outcome = 'APPROVED'");
        report("gateway charges (one per authorization)", charges, authorized + voided);
        assertThat(charges).isEqualTo(authorized + voided);

        // stock: conserved on every SKU, shipped units = units of shipped orders, nothing left reserved
        assertThat(platform.query("SELECT sku FROM fulfilment.stock_item WHERE available < 0 OR reserved < 0 "
                + "OR shipped < 0 OR available + reserved + shipped <> initial_quantity")).isEmpty();
        long shippedUnits = count(platform, "SELECT coalesce(sum(shipped), 0) FROM fulfilment.stock_item");
        long orderedUnits = count(platform, "SELECT coalesce(sum(l.quantity), 0) FROM orders.order_line l "
                + "JOIN orders.customer_order o ON o.id = l.order_id WHERE o.status = 'SHIPPED'");
        report("units shipped = units of shipped orders", shippedUnits, orderedUnits);
        assertThat(shippedUnits).isEqualTo(orderedUnits);
        long stillReserved = count(platform, "SELECT coalesce(sum(reserved), 0) FROM fulfilment.stock_item");
        report("units still reserved", stillReserved, 0);
        assertThat(stillReserved).isZero();
        Map<String, Long> dispatches = distinctEvents(kafka, Topics.SHIPMENTS, "fanout.shipment.dispatched.v1",
                orders);
        assertThat(dispatches.values()).as("dispatch events per order").allMatch(n -> n == 1);
        assertThat((long) dispatches.size()).isEqualTo(good);

        // notifications: every step of every order planned once on e-mail and then sent once, or skipped because
        // the customer already knew a later step (events of two topics arrive in either order: a "confirmed" read
        // after the "shipped" of the same order is superseded, see docs/notifications.md). Sending is asynchronous
        // (the dispatcher sends after the consumer committed), so a terminal order may still have e-mails on their
        // way: wait for them, bounded, and say what is outstanding if they never arrive
        long expectedEmails = good * 3 + (declined + shortOfStock) * 2;
        String emails = "SELECT count(*) FROM notification.delivery WHERE channel = 'EMAIL'";
        try {
            Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                assertThat(count(platform, emails)).as("e-mail deliveries planned").isEqualTo(expectedEmails);
                assertThat(count(platform, emails + " AND status NOT IN ('SENT', 'SKIPPED')"))
                        .as("e-mail deliveries not finished").isZero();
                assertThat(count(platform, "SELECT count(*) FROM notification.recorded_message WHERE channel = "
                        + "'EMAIL'")).as("e-mails recorded by the sender = deliveries SENT")
                        .isEqualTo(count(platform, emails + " AND status = 'SENT'"));
            });
        } finally {
            long sent = count(platform, emails + " AND status = 'SENT'");
            long superseded = count(platform, emails + " AND status = 'SKIPPED' AND detail LIKE 'superseded:%'");
            report("e-mail deliveries (placed, confirmed or rejected, shipped)", count(platform, emails),
                    expectedEmails);
            report("e-mails sent + superseded steps skipped", sent + superseded, expectedEmails);
            report("e-mails recorded by the sender (= sent)", count(platform, "SELECT count(*) FROM "
                    + "notification.recorded_message WHERE channel = 'EMAIL'"), sent);
            System.out.println("fault suite: e-mail deliveries by status: " + platform.query("SELECT status, "
                    + "split_part(coalesce(detail, ''), ':', 1) AS why, count(*) AS n FROM notification.delivery "
                    + "WHERE channel = 'EMAIL' GROUP BY 1, 2 ORDER BY 1, 2"));
        }
        assertThat(platform.query("SELECT id, detail FROM notification.delivery WHERE channel = 'EMAIL' "
                + "AND status = 'SKIPPED' AND detail NOT LIKE 'superseded:%'"))
                .as("e-mails skipped for another reason than a superseded step").isEmpty();

        // no good event of our orders in any dead-letter topic, unless it was redriven (the ledger says so)
        Set<String> redriven = kafka.recordsNow(TopicCatalog.REDRIVE_LEDGER).stream()
                .map(r -> r.key()).collect(Collectors.toSet());
        for (var dlq : TopicCatalog.deadLetterTopics()) {
            List<String> stranded = kafka.recordsNow(dlq.name()).stream().filter(r -> orders.containsKey(r.key()))
                    .filter(r -> !redriven.contains(dlq.name() + "/" + r.partition() + "/" + r.offset()))
                    .map(r -> r.key() + " " + KafkaProbe.header(r, "dead-letter-reason")).toList();
            assertThat(stranded).as("dead letters of good orders in %s never redriven", dlq.name()).isEmpty();
        }
    }

    /**
     * analytics equals the order database, in the generation that ran all along and in the one onboarded from
     * history mid-run (both caught up once intake stopped).
     */
    static void analytics(SuitePlatform platform, Map<String, Kind> orders) {
        long placed = count(platform, "SELECT count(*) FROM orders.customer_order");
        long shipped = count(platform, "SELECT count(*) FROM orders.customer_order WHERE status = 'SHIPPED'");
        long rejected = count(platform, "SELECT count(*) FROM orders.customer_order WHERE status = 'REJECTED'");
        long revenuePence = count(platform, "SELECT coalesce(sum(total * 100), 0)::bigint FROM orders.customer_order "
                + "WHERE status = 'SHIPPED'");
        String url = platform.url("analytics-service");
        for (int generation : new int[] { 1, 2 }) {
            Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                var summary = io.restassured.RestAssured.given().baseUri(url)
                        .get("/analytics/summary?generation=" + generation).then().statusCode(200).extract().jsonPath();
                assertThat(summary.getLong("orders.placed")).as("placed, generation %d", generation).isEqualTo(placed);
                assertThat(summary.getLong("orders.confirmed")).as("confirmed, g%d", generation).isEqualTo(shipped);
                assertThat(summary.getLong("orders.shipped")).as("shipped, g%d", generation).isEqualTo(shipped);
                assertThat(summary.getLong("orders.rejected")).as("rejected, g%d", generation).isEqualTo(rejected);
                assertThat(summary.getLong("revenue.find { it.currency == 'GBP' }.minorUnits"))
                        .as("GBP revenue in pence, g%d", generation).isEqualTo(revenuePence);
            });
        }
        System.out.printf("fault suite: analytics (both generations) = database: placed %d, shipped %d, rejected %d, "
                + "revenue GBP %.2f%n", placed, shipped, rejected, revenuePence / 100.0);
    }

    /**
     * Waits (bounded) until nothing is in flight: no unsent outbox row in any schema and no lag in any consumer group
     * with live members (a stopped generation's group is history, not work). Says what is still moving otherwise.
     */
    private static void awaitQuiet(SuitePlatform platform, String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                for (String schema : List.of("orders", "billing", "fulfilment", "notification")) {
                    String unsent = "SELECT count(*) FROM " + schema + ".outbox_event WHERE sent_at IS NULL";
                    assertThat(count(platform, unsent)).as("unsent outbox events of %s", schema).isZero();
                }
                assertThat(lagOfLiveGroups(admin)).as("lag of live consumer groups").allSatisfy(
                        (group, lag) -> assertThat(lag).as(group).isZero());
            });
        }
    }

    private static Map<String, Long> lagOfLiveGroups(Admin admin) throws Exception {
        List<String> groups = admin.listConsumerGroups().all().get().stream().map(g -> g.groupId()).toList();
        Map<String, Long> lag = new TreeMap<>();
        for (var group : admin.describeConsumerGroups(groups).all().get().values()) {
            if (group.members().isEmpty()) {
                continue;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            group.members().forEach(m -> m.assignment().topicPartitions().forEach(tp -> latest.put(tp,
                    OffsetSpec.latest())));
            long behind = 0;
            for (var end : admin.listOffsets(latest).all().get().entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                behind += end.getValue().offset() - (at == null ? 0 : at.offset());
            }
            lag.put(group.groupId(), behind);
        }
        return lag;
    }

    /** Distinct event ids per order for one event type on a topic (poison records, keyed otherwise, left out). */
    private static Map<String, Long> distinctEvents(KafkaProbe kafka, String topic, String type,
            Map<String, Kind> orders) {
        return kafka.recordsNow(topic).stream().filter(r -> orders.containsKey(r.key()))
                .filter(r -> type.equals(KafkaProbe.header(r, CloudEventHeaders.TYPE)))
                .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.collectingAndThen(
                        Collectors.mapping(r -> KafkaProbe.header(r, CloudEventHeaders.ID), Collectors.toSet()),
                        s -> (long) s.size())));
    }

    private static long count(SuitePlatform platform, String sql) {
        Object value = platform.query(sql).get(0).values().iterator().next();
        return ((Number) value).longValue();
    }

    private static void report(String what, long actual, long expected) {
        System.out.printf("fault suite: %-55s %8d (expected %d)%s%n", what, actual, expected,
                actual == expected ? "" : "  <-- MISMATCH");
    }
}
