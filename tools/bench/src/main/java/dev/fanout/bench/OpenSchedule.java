package dev.fanout.bench;

import java.time.Duration;

/**
 * The open model's timetable: request {@code i} is due at {@code start + i / rate}, computed from {@code i} (never
 * accumulated, so it does not drift), whatever happened to the requests before it. Latency is measured from this
 * intended time, not from the moment the request actually left: when the service (or the driver) stalls, the requests
 * that should have been sent meanwhile are counted as waiting, which is what their users would have seen
 * (no coordinated omission).
 */
public record OpenSchedule(long startNanos, double ratePerSecond, int count) {

    public OpenSchedule {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive, got " + ratePerSecond);
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
    }

    /** {@code rate} requests per second for {@code duration}: {@code floor(rate * seconds)} requests. */
    public static OpenSchedule of(long startNanos, double ratePerSecond, Duration duration) {
        double seconds = duration.toNanos() / 1e9;
        return new OpenSchedule(startNanos, ratePerSecond, (int) Math.floor(ratePerSecond * seconds + 1e-9));
    }

    /** When request {@code i} (0-based) is due, on the {@link System#nanoTime()} clock. */
    public long intendedNanos(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("request " + i + " of " + count);
        }
        return startNanos + Math.round(i * 1e9 / ratePerSecond);
    }

    /** When the schedule ends: the slot after the last request. */
    public long endNanos() {
        return startNanos + Math.round(count * 1e9 / ratePerSecond);
    }

    /** The latency a user saw: from when the request was due to when its answer arrived, never negative. */
    public static long latencyNanos(long intendedNanos, long completedNanos) {
        return Math.max(0, completedNanos - intendedNanos);
    }
}
