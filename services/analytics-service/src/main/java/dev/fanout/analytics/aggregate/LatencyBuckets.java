package dev.fanout.analytics.aggregate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fixed, log-spaced latency buckets in milliseconds, the same for every generation and every instance, so histograms
 * merge by adding counts bucket by bucket (HINCRBY per bucket in Redis).
 *
 * <p>Bucket 0 is [0, 1) ms; then each bucket's lower bound is the previous one times 2^(1/8), rounded up, and at
 * least one more (so the first buckets are exactly 1 ms wide); the last bucket holds everything from about 90 days
 * on. A value is reported as its bucket's geometric middle, so the relative error of a percentile is at most
 * 2^(1/16) - 1 (4.43 %), or under 1 ms for the narrow buckets below 12 ms.
 *
 * <p>The bounds are computed with {@link StrictMath} (the same on every JVM) and handed to the Lua script verbatim,
 * so Java and Redis always agree on a bucket.
 */
public final class LatencyBuckets {

    /** Buckets per doubling. */
    public static final int PER_DOUBLING = 8;
    /** Where the last (open) bucket starts, about. */
    public static final long TRACKED_UP_TO = Duration.ofDays(90).toMillis();
    /** Bound of the relative error of {@link #estimate} for values from the log-spaced buckets on. */
    public static final double RELATIVE_ERROR = StrictMath.pow(2, 1.0 / (2 * PER_DOUBLING)) - 1;

    private static final long[] LOWER = bounds();

    private LatencyBuckets() {
    }

    private static long[] bounds() {
        double growth = StrictMath.pow(2, 1.0 / PER_DOUBLING);
        List<Long> lower = new ArrayList<>();
        lower.add(0L);
        long bound = 1;
        while (bound <= TRACKED_UP_TO) {
            lower.add(bound);
            long next = (long) StrictMath.ceil(bound * growth);
            bound = Math.max(next, bound + 1);
        }
        lower.add(bound);
        return lower.stream().mapToLong(Long::longValue).toArray();
    }

    /** How many buckets there are. */
    public static int count() {
        return LOWER.length;
    }

    /** The bucket of a latency; negative latencies (clock skew between producers) count as 0. */
    public static int indexOf(long millis) {
        long value = Math.max(0, millis);
        int found = Arrays.binarySearch(LOWER, value);
        return found >= 0 ? found : -found - 2;
    }

    /** Inclusive lower bound of a bucket, in ms. */
    public static long lower(int index) {
        return LOWER[index];
    }

    /** Exclusive upper bound of a bucket, in ms ({@link Long#MAX_VALUE} for the last one). */
    public static long upper(int index) {
        return index + 1 < LOWER.length ? LOWER[index + 1] : Long.MAX_VALUE;
    }

    /**
     * The value reported for a bucket: exact for 1 ms wide buckets, the geometric middle of wider ones, the lower
     * bound of the last, open one.
     */
    public static long estimate(int index) {
        long lower = lower(index);
        long upper = upper(index);
        if (upper == Long.MAX_VALUE || upper - lower <= 1) {
            return lower;
        }
        return Math.round(Math.sqrt((double) lower * (double) upper));
    }

    /** Every lower bound, in order, for the Lua script. */
    public static long[] lowerBounds() {
        return LOWER.clone();
    }
}
