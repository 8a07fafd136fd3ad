package dev.fanout.analytics.aggregate;

import java.util.Map;
import java.util.TreeMap;

/**
 * A latency histogram over {@link LatencyBuckets}: counts per bucket, plus the exact count, sum and maximum. Two
 * histograms merge by adding counts (and sums, and taking the larger maximum), whatever order the values came in.
 * In Redis it is one hash: {@code b<bucket>} -> count, {@code n}, {@code sum} (ms), {@code max} (ms).
 */
public final class LatencyHistogram {

    public static final String COUNT = "n";
    public static final String SUM = "sum";
    public static final String MAX = "max";
    public static final String BUCKET_PREFIX = "b";

    private final TreeMap<Integer, Long> buckets = new TreeMap<>();
    private long count;
    private long sum;
    private long max;

    public static String bucketField(int index) {
        return BUCKET_PREFIX + index;
    }

    /** Reads the Redis hash; unknown fields are ignored, a missing hash is an empty histogram. */
    public static LatencyHistogram fromFields(Map<String, String> fields) {
        LatencyHistogram histogram = new LatencyHistogram();
        fields.forEach((field, value) -> {
            long number = Long.parseLong(value);
            if (field.equals(COUNT)) {
                histogram.count = number;
            } else if (field.equals(SUM)) {
                histogram.sum = number;
            } else if (field.equals(MAX)) {
                histogram.max = number;
            } else if (field.startsWith(BUCKET_PREFIX)) {
                histogram.buckets.merge(Integer.parseInt(field.substring(BUCKET_PREFIX.length())), number, Long::sum);
            }
        });
        return histogram;
    }

    /** Records one latency (negative counts as 0). */
    public LatencyHistogram record(long millis) {
        long value = Math.max(0, millis);
        buckets.merge(LatencyBuckets.indexOf(value), 1L, Long::sum);
        count++;
        sum += value;
        max = Math.max(max, value);
        return this;
    }

    public LatencyHistogram merge(LatencyHistogram other) {
        LatencyHistogram merged = new LatencyHistogram();
        merged.buckets.putAll(buckets);
        other.buckets.forEach((index, n) -> merged.buckets.merge(index, n, Long::sum));
        merged.count = count + other.count;
        merged.sum = sum + other.sum;
        merged.max = Math.max(max, other.max);
        return merged;
    }

    public long count() {
        return count;
    }

    public long max() {
        return max;
    }

    /** The mean, rounded to the ms (exact: the sum is kept), or null when empty. */
    public Long mean() {
        return count == 0 ? null : Math.round((double) sum / count);
    }

    /**
     * The q-quantile (0 &lt; q &le; 1) by nearest rank: the value of the ceil(q * n)-th smallest latency, reported as
     * its bucket's estimate (never above the largest latency seen); null when empty.
     */
    public Long percentile(double q) {
        if (q <= 0 || q > 1) {
            throw new IllegalArgumentException("quantile must be in (0, 1]: " + q);
        }
        long total = buckets.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (Map.Entry<Integer, Long> bucket : buckets.entrySet()) {
            seen += bucket.getValue();
            if (seen >= rank) {
                long estimate = LatencyBuckets.estimate(bucket.getKey());
                return max > 0 ? Math.min(estimate, max) : estimate;
            }
        }
        throw new IllegalStateException("unreachable: rank " + rank + " of " + total);
    }

    /** Bucket index to count, in order. */
    public Map<Integer, Long> buckets() {
        return java.util.Collections.unmodifiableMap(buckets);
    }
}
