package dev.fanout.order.observability;

import static dev.fanout.order.support.Orders.customer;
import static dev.fanout.order.support.Orders.place;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.fanout.events.EventTypes;
import dev.fanout.events.inventory.StockItem;
import dev.fanout.events.inventory.StockReserved;
import dev.fanout.events.payment.PaymentAuthorized;
import dev.fanout.testing.EventPublisher;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Real traffic, then /q/metrics: every signal the dashboards and alerts rely on is there and moves. */
@QuarkusTest
@TestProfile(MetricsTest.FastGauges.class)
class MetricsTest {

    public static class FastGauges implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fanout.metrics.lag-interval", "1s", "fanout.metrics.readiness-interval", "1s",
                    "fanout.outbox.metrics-interval", "1s");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void everySignalIsExposedWithLowCardinalityLabels() {
        UUID order = UUID.fromString(place(customer()));
        given().get("/orders/{id}", order).then().statusCode(200);
        try (EventPublisher publisher = new EventPublisher(bootstrap)) {
            publisher.publish(EventTypes.STOCK_RESERVED, order, new StockReserved(order,
                    List.of(new StockItem("BOOK-0001", 2)), Instant.now()));
            publisher.publish(EventTypes.PAYMENT_AUTHORIZED, order, new PaymentAuthorized(order, "auth-" + order, "c",
                    "GBP", new BigDecimal("33.99"), Instant.now()));
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/orders/{id}", order)
                .then().body("status", org.hamcrest.Matchers.equalTo("CONFIRMED")));

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(value(metrics, "fanout_outbox_published_total", "")).isPositive();
            assertThat(value(metrics, "fanout_outbox_backlog", "")).isNotNegative();
            assertThat(value(metrics, "fanout_outbox_oldest_age_seconds", "")).isNotNegative();
            assertThat(value(metrics, "fanout_consumer_events_total",
                    "event_type=\"fanout.payment.authorized.v1\",outcome=\"success\"")).isPositive();
            assertThat(value(metrics, "fanout_consumer_processing_seconds_count",
                    "event_type=\"fanout.stock.reserved.v1\"")).isPositive();
            assertThat(value(metrics, "fanout_event_age_seconds_bucket", "topic=\"payments.v1\"")).isPositive();
            assertThat(value(metrics, "fanout_order_journey_seconds_count", "stage=\"confirmed\"")).isPositive();
            assertThat(value(metrics, "fanout_cache_reads_total", "result=\"hit\"")).isPositive();
            assertThat(value(metrics, "http_server_requests_seconds_bucket", "uri=\"/orders/{id}\"")).isPositive();
            assertThat(value(metrics, "fanout_consumer_lag", "group=\"order-service\",partition=")).isNotNegative();
            assertThat(value(metrics, "fanout_ready", "")).isEqualTo(1.0);
            assertThat(value(metrics, "fanout_degraded", "")).isEqualTo(0.0);
            assertThat(value(metrics, "postgresql_queue_size", "")).isNotNegative();
            assertThat(value(metrics, "kafka_producer_record_send_total", "")).isPositive();
            // no order or event ids in any label
            assertThat(metrics).doesNotContain(order.toString());
        });
    }

    /** The sum over series of {@code name} whose labels contain {@code labels}; fails when there is none. */
    static double value(String metrics, String name, String labels) {
        // a sample may carry an OpenMetrics exemplar after " # " when tracing is on
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{(?:[^\"}]|\"[^\"]*\")*\\})? ([0-9.eE+-]+|NaN)( # .*)?$")
                .matcher(metrics);
        double sum = 0;
        boolean found = false;
        while (m.find()) {
            if (m.group(1) == null ? labels.isEmpty() || labels.isBlank() : m.group(1).contains(labels)) {
                found = true;
                sum += Double.parseDouble(m.group(2));
            }
        }
        assertThat(found).as("a series %s{...%s...} in /q/metrics; there are: %s", name, labels,
                metrics.lines().filter(l -> l.startsWith(name)).toList()).isTrue();
        return sum;
    }
}
