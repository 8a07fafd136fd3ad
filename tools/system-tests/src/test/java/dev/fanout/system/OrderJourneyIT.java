package dev.fanout.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.fanout.events.CloudEventHeaders;
import dev.fanout.events.TopicCatalog;
import dev.fanout.events.TopicSpec;
import dev.fanout.events.Topics;
import dev.fanout.testing.KafkaProbe;
import io.restassured.http.ContentType;

/**
 * The order journey across order-service, two instances of billing-service and fulfilment-service, all started as
 * packaged apps: a few hundred orders of a known mix (payment ok or declined x stock ok or short) each reach the
 * end they should, and the invariants hold across every service's data and every topic.
 */
class OrderJourneyIT {

    static final int ORDERS = 300;
    static final Duration JOURNEY_TIMEOUT = Duration.ofMinutes(3);

    /** What an order is built to meet: billing's and fulfilment's deterministic rules. */
    enum Kind {
        GOOD("SHIPPED"), PAYMENT_DECLINED("REJECTED"), OUT_OF_STOCK("REJECTED"), BOTH_FAIL("REJECTED");

        final String expectedStatus;

        Kind(String expectedStatus) {
            this.expectedStatus = expectedStatus;
        }

        boolean paymentOk() {
            return this == GOOD || this == OUT_OF_STOCK;
        }

        boolean stockOk() {
            return this == GOOD || this == PAYMENT_DECLINED;
        }

        String body(int n) {
            String customer = (paymentOk() ? "sys-" : "decline-sys-") + n;
            String lines = stockOk()
                    ? "{\"sku\": \"BOOK-0001\", \"quantity\": 1, \"unitPrice\": 10.00},"
                            + "{\"sku\": \"MUG-0042\", \"quantity\": 2, \"unitPrice\": 5.50}"
                    // LAMP-0007 has 3 units: 4 is always short, and all-or-nothing reserves none of it
                    // (the total, 166.00, stays under billing's default limit so the payment is authorized)
                    : "{\"sku\": \"BOOK-0001\", \"quantity\": 1, \"unitPrice\": 10.00},"
                            + "{\"sku\": \"LAMP-0007\", \"quantity\": 4, \"unitPrice\": 39.00}";
            return "{\"customerId\": \"" + customer + "\", \"currency\": \"GBP\", \"lines\": [" + lines + "]}";
        }
    }

    @Test
    void ordersOfAKnownMixReachTheirExpectedEndAndEveryInvariantHolds() throws Exception {
        try (RunningPlatform platform = RunningPlatform.start("order-service", "billing-service:2",
                "fulfilment-service"); KafkaProbe kafka = new KafkaProbe(platform.bootstrap())) {
            String orderService = platform.url("order-service");
            Map<String, Kind> orders = new ConcurrentHashMap<>();

            long start = System.nanoTime();
            ExecutorService clients = Executors.newFixedThreadPool(8);
            for (int n = 0; n < ORDERS; n++) {
                Kind kind = Kind.values()[n % 10 < 4 ? 0 : 1 + n % 3];
                int number = n;
                clients.submit(() -> orders.put(given().baseUri(orderService).contentType(ContentType.JSON)
                        .body(kind.body(number)).post("/orders").then().statusCode(201).extract().<String>path("id"),
                        kind));
            }
            clients.shutdown();
            assertThat(clients.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
            assertThat(orders).hasSize(ORDERS);
            List<String> ids = new ArrayList<>(orders.keySet());

            Awaitility.await().atMost(JOURNEY_TIMEOUT).pollInterval(Duration.ofMillis(250))
                    .until(() -> platform.query("SELECT count(*) AS n FROM orders.customer_order WHERE id::text = "
                            + "ANY(?) AND status IN ('SHIPPED', 'REJECTED')", ids).get(0).get("n").equals((long) ORDERS));
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("system test: %d orders placed and terminal in %.1f s: %.0f orders/s end to end%n",
                    ORDERS, seconds, ORDERS / seconds);

            // every order ended where its kind says, and its payment and stock tell the same story
            Map<String, String> status = column(platform, "SELECT id::text AS k, status AS v FROM "
                    + "orders.customer_order WHERE id::text = ANY(?)", ids);
            Map<String, String> payment = column(platform, "SELECT order_id::text AS k, status AS v FROM "
                    + "billing.payment WHERE order_id::text = ANY(?)", ids);
            Map<String, String> reservation = column(platform, "SELECT order_id::text AS k, status AS v FROM "
                    + "fulfilment.reservation WHERE order_id::text = ANY(?)", ids);
            Map<Kind, Long> mix = new EnumMap<>(Kind.class);
            orders.forEach((id, kind) -> {
                mix.merge(kind, 1L, Long::sum);
                assertThat(status.get(id)).as("status of %s order %s", kind, id).isEqualTo(kind.expectedStatus);
                String expectedPayment = !kind.paymentOk() ? "DECLINED" : kind == Kind.GOOD ? "AUTHORIZED" : "VOIDED";
                assertThat(payment.get(id)).as("payment of %s order %s", kind, id).isEqualTo(expectedPayment);
                String expectedReservation = !kind.stockOk() ? "REJECTED" : kind == Kind.GOOD ? "DISPATCHED" : "RELEASED";
                assertThat(reservation.get(id)).as("reservation of %s order %s", kind, id)
                        .isEqualTo(expectedReservation);
            });
            System.out.println("system test: mix " + mix);

            // authorizations = confirmed + voided, each order charged at most once
            long shipped = orders.values().stream().filter(k -> k == Kind.GOOD).count();
            long voided = orders.values().stream().filter(k -> k == Kind.OUT_OF_STOCK).count();
            List<ConsumerRecord<String, String>> payments = kafka.await(Topics.PAYMENTS,
                    r -> orders.containsKey(r.key()), ORDERS + (int) voided, Duration.ofSeconds(60));
            Map<String, Long> authorizations = payments.stream()
                    .filter(r -> "fanout.payment.authorized.v1".equals(KafkaProbe.header(r, CloudEventHeaders.TYPE)))
                    .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
            assertThat(authorizations.values()).as("no order authorized twice").allMatch(n -> n == 1);
            assertThat((long) authorizations.size()).isEqualTo(shipped + voided);
            assertThat(payments.stream().filter(r -> "fanout.payment.voided.v1".equals(
                    KafkaProbe.header(r, CloudEventHeaders.TYPE))).count()).isEqualTo(voided);

            // each order has exactly its placement and one outcome on orders.v1
            List<ConsumerRecord<String, String>> lifecycle = kafka.await(Topics.ORDERS,
                    r -> orders.containsKey(r.key()), 2 * ORDERS, Duration.ofSeconds(60));
            Map<String, List<String>> eventsPerOrder = lifecycle.stream().collect(Collectors.groupingBy(
                    ConsumerRecord::key, Collectors.mapping(r -> KafkaProbe.header(r, CloudEventHeaders.TYPE),
                            Collectors.toList())));
            orders.forEach((id, kind) -> assertThat(eventsPerOrder.get(id)).as("events of %s", id).containsExactly(
                    "fanout.order.placed.v1",
                    kind == Kind.GOOD ? "fanout.order.confirmed.v1" : "fanout.order.rejected.v1"));

            // stock conserved on every SKU: initial = available + reserved + shipped, nothing negative
            assertThat(platform.query("SELECT sku FROM fulfilment.stock_item WHERE available < 0 OR reserved < 0 "
                    + "OR shipped < 0 OR available + reserved + shipped <> initial_quantity")).isEmpty();

            // good input never reaches a dead-letter topic
            Set<String> keys = orders.keySet();
            for (TopicSpec dlq : TopicCatalog.all().stream().filter(TopicSpec::isDeadLetter)
                    .filter(t -> t.producer().equals("order-service") || t.producer().equals("billing-service")
                            || t.producer().equals("fulfilment-service")).toList()) {
                assertThat(kafka.recordsNow(dlq.name()).stream().filter(r -> keys.contains(r.key())).toList())
                        .as("dead letters of our orders on %s", dlq.name()).isEmpty();
            }
        }
    }

    private static Map<String, String> column(RunningPlatform platform, String sql, List<String> ids) {
        return platform.query(sql, ids).stream().collect(Collectors.toMap(r -> (String) r.get("k"),
                r -> (String) r.get("v"), (a, b) -> a));
    }
}
