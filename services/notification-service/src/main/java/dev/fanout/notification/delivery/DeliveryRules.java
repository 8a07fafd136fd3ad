package dev.fanout.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The delivery state machine as plain functions (unit-tested without a database): what a failed attempt leads to,
 * how long to wait before the next one, whether an event is too old to tell a customer about.
 */
public final class DeliveryRules {

    /** What follows a failed attempt. */
    public sealed interface AfterFailure permits Retry, GiveUp {
    }

    /** Try again at {@code at}. */
    public record Retry(Instant at) implements AfterFailure {
    }

    /** FAILED, for good. */
    public record GiveUp(String reason) implements AfterFailure {
    }

    /** An illegal transition: a bug, never a customer-facing state. */
    public static final class IllegalTransition extends IllegalStateException {
        IllegalTransition(String message) {
            super(message);
        }
    }

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    public DeliveryRules(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max-attempts must be at least 1, got " + maxAttempts);
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must be positive, initial <= max: " + initialBackoff + ", "
                    + maxBackoff);
        }
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * Attempt number {@code attempt} (1-based) failed at {@code now}. A permanent failure (the provider refused the
     * recipient, say) gives up at once; otherwise a retry is scheduled while attempts are left.
     */
    public AfterFailure afterFailure(int attempt, boolean permanent, String error, Instant now) {
        if (attempt < 1) {
            throw new IllegalTransition("attempt numbers start at 1, got " + attempt);
        }
        if (permanent) {
            return new GiveUp("refused: " + error);
        }
        if (attempt >= maxAttempts) {
            return new GiveUp("gave up after " + attempt + " attempts: " + error);
        }
        return new Retry(now.plus(backoff(attempt)));
    }

    /**
     * Exponential backoff with equal jitter (half fixed, half random) after attempt {@code attempt}: about
     * initial, 2x initial, 4x initial ... capped at max.
     */
    public Duration backoff(int attempt) {
        long cap = maxBackoff.toMillis();
        long exponential = Math.min(cap, initialBackoff.toMillis() << Math.min(Math.max(attempt - 1, 0), 20));
        long half = Math.max(1, exponential / 2);
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    /** Whether a delivery may move from {@code from} to {@code to} (what the SQL of the stores does, written down). */
    public static boolean allowed(DeliveryStatus from, DeliveryStatus to) {
        return switch (from) {
            case WAITING -> to == DeliveryStatus.PENDING || to == DeliveryStatus.SKIPPED;
            case PENDING -> to == DeliveryStatus.PENDING || to == DeliveryStatus.SENT || to == DeliveryStatus.FAILED;
            case SENT, SKIPPED, FAILED -> false;
        };
    }

    /** Throws unless {@link #allowed}. */
    public static DeliveryStatus move(DeliveryStatus from, DeliveryStatus to) {
        if (!allowed(from, to)) {
            throw new IllegalTransition("a " + from + " delivery cannot become " + to);
        }
        return to;
    }

    /** Whether an event that happened at {@code occurredAt} is too old to notify at {@code now}. */
    public static boolean stale(Instant occurredAt, Instant now, Duration maxAge) {
        return occurredAt != null && Duration.between(occurredAt, now).compareTo(maxAge) > 0;
    }
}
