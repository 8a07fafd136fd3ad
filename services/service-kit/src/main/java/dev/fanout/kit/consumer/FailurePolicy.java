package dev.fanout.kit.consumer;

import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

import dev.fanout.events.EventDecodingException;
import io.vertx.pgclient.PgException;

/**
 * One failure policy for every consumer: what is retried, what waits, what goes to the dead-letter topic at once.
 * Plain logic, no framework: see {@code docs/failure-policy.md} for the table.
 */
public final class FailurePolicy {

    /** What to do about a failure. */
    public enum Kind {
        /** Cannot succeed (poison record, business rule): dead-letter now. */
        PERMANENT,
        /** May succeed on another try (conflict, deadlock, timeout, a bug): bounded retries, then dead-letter. */
        TRANSIENT,
        /** A dependency is unreachable: wait (the partition holds) up to max-outage-wait, then dead-letter. */
        OUTAGE
    }

    private static final Set<String> TRANSIENT_SQL_STATES = Set.of(
            "40001", // serialization_failure
            "40P01", // deadlock_detected
            "55P03", // lock_not_available
            "57014"); // query_canceled (statement timeout)
    private static final String UNIQUE_VIOLATION = "23505";
    private static final Set<String> OUTAGE_SQL_STATES = Set.of(
            "57P01", // admin_shutdown
            "57P02", // crash_shutdown
            "57P03", // cannot_connect_now
            "53300"); // too_many_connections

    private final ConsumerSettings settings;

    public FailurePolicy(ConsumerSettings settings) {
        this.settings = settings;
    }

    public static Kind classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PermanentEventException || t instanceof PoisonEventException
                    || t instanceof EventDecodingException) {
                return Kind.PERMANENT;
            }
            if (t instanceof TransientEventException) {
                return Kind.TRANSIENT;
            }
            String state = sqlState(t);
            if (state != null) {
                if (state.startsWith("08") || OUTAGE_SQL_STATES.contains(state)) {
                    return Kind.OUTAGE;
                }
                if (TRANSIENT_SQL_STATES.contains(state)) {
                    return Kind.TRANSIENT;
                }
                if (UNIQUE_VIOLATION.equals(state)) {
                    // mostly a race: two instances inserting the same row; the retry finds the winner's
                    return Kind.TRANSIENT;
                }
                if (state.startsWith("23") || state.startsWith("22")) {
                    // any other integrity or data exception: the event asks for something the data cannot be
                    return Kind.PERMANENT;
                }
            }
            if (t instanceof ConnectException || isClosedConnection(t)) {
                return Kind.OUTAGE;
            }
            if (t instanceof TimeoutException || t instanceof io.smallrye.mutiny.TimeoutException) {
                return Kind.TRANSIENT;
            }
        }
        return Kind.TRANSIENT;
    }

    /** Whether attempt number {@code attempt} (1-based) may be followed by another. */
    public boolean mayRetry(Kind kind, int attempt, Duration waitedSoFar) {
        return switch (kind) {
            case PERMANENT -> false;
            case TRANSIENT -> attempt < settings.maxAttempts();
            case OUTAGE -> waitedSoFar.compareTo(settings.maxOutageWait()) < 0;
        };
    }

    /** Exponential backoff with "equal jitter": half fixed, half random, so instances do not retry in lockstep. */
    public Duration backoff(Kind kind, int attempt) {
        long cap = settings.maxBackoff().toMillis();
        long exponential = kind == Kind.OUTAGE ? cap
                : Math.min(cap, settings.initialBackoff().toMillis() << Math.min(attempt - 1, 20));
        long half = Math.max(1, exponential / 2);
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    private static String sqlState(Throwable t) {
        if (t instanceof PgException pg) {
            return pg.getSqlState();
        }
        if (t instanceof SQLException sql) {
            return sql.getSQLState();
        }
        return null;
    }

    private static boolean isClosedConnection(Throwable t) {
        String name = t.getClass().getName();
        String message = String.valueOf(t.getMessage()).toLowerCase();
        return name.endsWith("ClosedConnectionException") || name.endsWith("ConnectTimeoutException")
                || message.contains("connection refused") || message.contains("connection is closed")
                || message.contains("connection was closed") || message.contains("failed to connect");
    }
}
