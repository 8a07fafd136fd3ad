package dev.fanout.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class PromTextTest {

    static final String BEFORE = """
            # HELP fanout_order_journey_seconds placed -> confirmed or rejected, and confirmed -> shipped
            # TYPE fanout_order_journey_seconds histogram
            fanout_order_journey_seconds_bucket{service="order-service",stage="confirmed",le="0.05"} 10.0
            fanout_order_journey_seconds_bucket{service="order-service",stage="confirmed",le="0.1"} 10.0
            fanout_order_journey_seconds_bucket{service="order-service",stage="confirmed",le="0.2"} 10.0
            fanout_order_journey_seconds_bucket{service="order-service",stage="confirmed",le="+Inf"} 10.0
            fanout_order_journey_seconds_count{service="order-service",stage="confirmed"} 10.0
            fanout_order_journey_seconds_bucket{service="order-service",stage="shipped",le="0.05"} 3.0
            fanout_order_journey_seconds_bucket{service="order-service",stage="shipped",le="+Inf"} 3.0
            """;

    static final String AFTER = """
            fanout_order_journey_seconds_bucket{service="order-service",stage="confirmed",le="0.05"} 60.0
            fanout_order_journey_seconds_bucket{service="order-service",stage="confirmed",le="0.1"} 100.0
            fanout_order_journey_seconds_bucket{service="order-service",stage="confirmed",le="0.2"} 109.0
            fanout_order_journey_seconds_bucket{service="order-service",stage="confirmed",le="+Inf"} 110.0
            fanout_order_journey_seconds_bucket{service="order-service",stage="shipped",le="0.05"} 3.0
            fanout_order_journey_seconds_bucket{service="order-service",stage="shipped",le="+Inf"} 3.0
            redis_pool_usage_seconds_count{pool_name="<default>",pool_type="redis",service="order-service"} 5355.0 # {span_id="e3918eb8adc5e18b",trace_id="68ff"} 1.0 1795710997.412
            """;

    @Test
    void parsesNamesLabelsValuesAndSkipsExemplars() {
        List<PromText.Sample> samples = PromText.parse(AFTER);
        assertThat(samples).hasSize(7);
        PromText.Sample first = samples.get(0);
        assertThat(first.name()).isEqualTo("fanout_order_journey_seconds_bucket");
        assertThat(first.labels()).containsEntry("stage", "confirmed").containsEntry("le", "0.05");
        assertThat(first.value()).isEqualTo(60.0);
        assertThat(samples.get(6).value()).isEqualTo(5355.0);
        assertThat(samples.get(6).labels()).containsEntry("pool_name", "<default>");
    }

    @Test
    void parsesEscapesInfinityAndLinesWithoutLabels() {
        List<PromText.Sample> samples = PromText.parse("""
                process_uptime_seconds 12.5
                odd_total{msg="a \\"quoted\\" , value",x="y"} 3 1700000000000
                gauge{le="+Inf"} +Inf
                """);
        assertThat(samples).hasSize(3);
        assertThat(samples.get(0).labels()).isEmpty();
        assertThat(samples.get(0).value()).isEqualTo(12.5);
        assertThat(samples.get(1).labels()).containsEntry("msg", "a \"quoted\" , value").containsEntry("x", "y");
        assertThat(samples.get(1).value()).isEqualTo(3.0);
        assertThat(samples.get(2).value()).isInfinite();
    }

    @Test
    void deltaOfTwoScrapesGivesTheStepsObservations() {
        NavigableMap<Double, Double> delta = journeyDelta("confirmed");
        assertThat(delta).containsEntry(0.05, 50.0).containsEntry(0.1, 90.0).containsEntry(0.2, 99.0)
                .containsEntry(Double.POSITIVE_INFINITY, 100.0);
        assertThat(PromText.total(delta)).isEqualTo(100.0);
        assertThat(PromText.total(journeyDelta("shipped"))).isZero();
        assertThat(PromText.quantile(0.99, journeyDelta("shipped"))).isNaN();
    }

    @Test
    void quantilesInterpolateInsideTheBucketLikeHistogramQuantile() {
        NavigableMap<Double, Double> delta = journeyDelta("confirmed");
        // rank 50 is the top of the first bucket
        assertThat(PromText.quantile(0.5, delta)).isCloseTo(0.05, within(1e-9));
        // rank 70: 20 of the 40 observations of (0.05, 0.1]
        assertThat(PromText.quantile(0.7, delta)).isCloseTo(0.075, within(1e-9));
        // rank 99: the last of (0.1, 0.2]
        assertThat(PromText.quantile(0.99, delta)).isCloseTo(0.2, within(1e-9));
        // rank 99.5 falls in +Inf: the largest finite bound
        assertThat(PromText.quantile(0.995, delta)).isCloseTo(0.2, within(1e-9));
        // first bucket interpolates from 0
        assertThat(PromText.quantile(0.25, delta)).isCloseTo(0.025, within(1e-9));
    }

    @Test
    void aRestartBetweenScrapesUsesTheLaterScrapeAlone() {
        NavigableMap<Double, Double> before = new TreeMap<>(Map.of(0.1, 500.0, Double.POSITIVE_INFINITY, 500.0));
        NavigableMap<Double, Double> after = new TreeMap<>(Map.of(0.1, 7.0, Double.POSITIVE_INFINITY, 8.0));
        assertThat(PromText.delta(after, before)).isEqualTo(after);
    }

    @Test
    void bucketsMissingBeforeCountFromZero() {
        NavigableMap<Double, Double> after = PromText.buckets(PromText.parse(AFTER),
                "fanout_order_journey_seconds_bucket", Map.of("stage", "confirmed"));
        NavigableMap<Double, Double> delta = PromText.delta(after, new TreeMap<>());
        assertThat(delta).isEqualTo(after);
    }

    @Test
    void sumAddsMatchingSeries() {
        List<PromText.Sample> samples = PromText.parse("""
                http_server_requests_seconds_count{method="POST",status="201",uri="/orders"} 10
                http_server_requests_seconds_count{method="POST",status="422",uri="/orders"} 2
                http_server_requests_seconds_count{method="GET",status="200",uri="/orders/{id}"} 7
                """);
        assertThat(PromText.sum(samples, "http_server_requests_seconds_count", Map.of("method", "POST")))
                .isEqualTo(12.0);
    }

    private static NavigableMap<Double, Double> journeyDelta(String stage) {
        Map<String, String> labels = Map.of("stage", stage);
        return PromText.delta(PromText.buckets(PromText.parse(AFTER), "fanout_order_journey_seconds_bucket", labels),
                PromText.buckets(PromText.parse(BEFORE), "fanout_order_journey_seconds_bucket", labels));
    }
}
