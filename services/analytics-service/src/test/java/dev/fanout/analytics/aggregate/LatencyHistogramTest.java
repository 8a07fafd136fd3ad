package dev.fanout.analytics.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void bucketsAreFixedLogSpacedAndCoverEverything() {
        long[] bounds = LatencyBuckets.lowerBounds();
        assertThat(bounds[0]).isZero();
        assertThat(bounds[1]).isEqualTo(1);
        for (int i = 1; i < bounds.length; i++) {
            assertThat(bounds[i]).isGreaterThan(bounds[i - 1]);
            // never wider than one 8th of a doubling, plus the rounding up to whole ms
            assertThat(bounds[i]).isLessThanOrEqualTo((long) Math.ceil(bounds[i - 1] * Math.pow(2, 1.0 / 8)) + 1);
        }
        assertThat(bounds[bounds.length - 1]).isGreaterThan(LatencyBuckets.TRACKED_UP_TO);
        assertThat(LatencyBuckets.count()).isBetween(200, 300);
        // the first buckets are 1 ms wide: small latencies are exact
        for (long ms = 0; ms < 12; ms++) {
            assertThat(LatencyBuckets.upper(LatencyBuckets.indexOf(ms)) - LatencyBuckets.lower(LatencyBuckets.indexOf(ms)))
                    .isEqualTo(1);
            assertThat(LatencyBuckets.estimate(LatencyBuckets.indexOf(ms))).isEqualTo(ms);
        }
    }

    @Test
    void everyValueFallsInTheBucketThatHoldsIt() {
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            long value = (long) Math.exp(random.nextDouble() * Math.log(LatencyBuckets.TRACKED_UP_TO));
            int bucket = LatencyBuckets.indexOf(value);
            assertThat(value).isGreaterThanOrEqualTo(LatencyBuckets.lower(bucket));
            assertThat(value).isLessThan(LatencyBuckets.upper(bucket));
        }
        assertThat(LatencyBuckets.indexOf(-5)).isZero();
        assertThat(LatencyBuckets.indexOf(Long.MAX_VALUE)).isEqualTo(LatencyBuckets.count() - 1);
    }

    @Test
    void theEstimateOfABucketIsWithinTheDocumentedErrorOfEveryValueInIt() {
        for (int bucket = 0; bucket < LatencyBuckets.count() - 1; bucket++) {
            long lower = LatencyBuckets.lower(bucket);
            long upper = LatencyBuckets.upper(bucket);
            long estimate = LatencyBuckets.estimate(bucket);
            for (long value : new long[] { lower, upper - 1 }) {
                double error = Math.abs(estimate - value);
                // docs/analytics.md: exact below 12 ms, within 4 ms below 100 ms, 5 % from 100 ms, 4.5 % from 1 s
                if (value < 100) {
                    assertThat(error).as("bucket %d, value %d", bucket, value).isLessThanOrEqualTo(4);
                } else if (value < 1000) {
                    assertThat(error / value).as("bucket %d, value %d", bucket, value).isLessThanOrEqualTo(0.050);
                } else {
                    assertThat(error / value).as("bucket %d, value %d", bucket, value).isLessThanOrEqualTo(0.045);
                }
            }
        }
        assertThat(LatencyBuckets.RELATIVE_ERROR).isCloseTo(0.0443, within(0.0001));
    }

    @Test
    void percentilesComeFromTheBucketsByNearestRank() {
        LatencyHistogram histogram = new LatencyHistogram();
        List<Long> values = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 0; i < 5_000; i++) {
            long value = 20 + (long) (random.nextGaussian() * 200 + 800);
            values.add(Math.max(0, value));
            histogram.record(value);
        }
        Collections.sort(values);
        for (double q : new double[] { 0.5, 0.9, 0.99, 1.0 }) {
            long exact = values.get((int) Math.ceil(q * values.size()) - 1);
            assertThat(histogram.percentile(q)).as("p%s", q * 100)
                    .isCloseTo(exact, within((long) Math.ceil(exact * 0.05)));
        }
        assertThat(histogram.count()).isEqualTo(5_000);
        assertThat(histogram.max()).isEqualTo(values.get(values.size() - 1));
        assertThat(histogram.percentile(1.0)).isLessThanOrEqualTo(histogram.max());
        assertThat(histogram.mean()).isEqualTo(Math.round(values.stream().mapToLong(Long::longValue).average()
                .orElseThrow()));
    }

    @Test
    void histogramsMergeByAddingBuckets() {
        LatencyHistogram a = new LatencyHistogram().record(10).record(100).record(1000);
        LatencyHistogram b = new LatencyHistogram().record(100).record(5000);
        LatencyHistogram all = new LatencyHistogram().record(10).record(100).record(1000).record(100).record(5000);
        LatencyHistogram merged = a.merge(b);
        assertThat(merged.buckets()).isEqualTo(all.buckets());
        assertThat(merged.count()).isEqualTo(5);
        assertThat(merged.max()).isEqualTo(5000);
        assertThat(merged.percentile(0.5)).isEqualTo(all.percentile(0.5));
    }

    @Test
    void theRedisHashReadsBackAsTheSameHistogram() {
        LatencyHistogram recorded = new LatencyHistogram().record(3).record(250).record(250).record(90_000);
        Map<String, String> fields = new java.util.HashMap<>();
        recorded.buckets().forEach((bucket, n) -> fields.put(LatencyHistogram.bucketField(bucket), n.toString()));
        fields.put("n", "4");
        fields.put("sum", Long.toString(3 + 250 + 250 + 90_000));
        fields.put("max", "90000");
        fields.put("unrelated", "7");
        LatencyHistogram read = LatencyHistogram.fromFields(fields);
        assertThat(read.buckets()).isEqualTo(recorded.buckets());
        assertThat(read.percentile(0.5)).isEqualTo(recorded.percentile(0.5));
        assertThat(read.mean()).isEqualTo(recorded.mean());
        assertThat(new LatencyHistogram().percentile(0.5)).isNull();
        assertThat(new LatencyHistogram().mean()).isNull();
    }
}
