package dev.fanout.kit.consumer;

import static dev.fanout.kit.consumer.FailurePolicy.Kind.OUTAGE;
import static dev.fanout.kit.consumer.FailurePolicy.Kind.PERMANENT;
import static dev.fanout.kit.consumer.FailurePolicy.Kind.TRANSIENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.fanout.events.EventDecodingException;

class FailurePolicyTest {

    private final FailurePolicy policy = new FailurePolicy(new ConsumerSettings() {
        public int maxAttempts() {
            return 4;
        }

        public Duration initialBackoff() {
            return Duration.ofMillis(100);
        }

        public Duration maxBackoff() {
            return Duration.ofSeconds(2);
        }

        public Duration maxOutageWait() {
            return Duration.ofMinutes(10);
        }

        public Duration stuckAfter() {
            return Duration.ofSeconds(60);
        }

        public Duration inboxRetention() {
            return Duration.ofDays(14);
        }
    });

    @Test
    void unreadableRecordsAndRuleViolationsArePermanent() {
        assertThat(FailurePolicy.classify(new EventDecodingException("not a valid OrderPlaced", null)))
                .isEqualTo(PERMANENT);
        assertThat(FailurePolicy.classify(new PoisonEventException("unknown event type", null))).isEqualTo(PERMANENT);
        assertThat(FailurePolicy.classify(new RuntimeException("wrapped",
                new PermanentEventException("no order 42")))).isEqualTo(PERMANENT);
        assertThat(FailurePolicy.classify(new SQLException("check violated", "23514"))).isEqualTo(PERMANENT);
    }

    @Test
    void conflictsTimeoutsAndTheUnexpectedAreTransient() {
        assertThat(FailurePolicy.classify(new SQLException("could not serialize", "40001"))).isEqualTo(TRANSIENT);
        assertThat(FailurePolicy.classify(new SQLException("deadlock detected", "40P01"))).isEqualTo(TRANSIENT);
        assertThat(FailurePolicy.classify(new SQLException("duplicate key (a race)", "23505"))).isEqualTo(TRANSIENT);
        assertThat(FailurePolicy.classify(new TransientEventException("gateway timeout"))).isEqualTo(TRANSIENT);
        assertThat(FailurePolicy.classify(new io.smallrye.mutiny.TimeoutException())).isEqualTo(TRANSIENT);
        assertThat(FailurePolicy.classify(new NullPointerException())).isEqualTo(TRANSIENT);
    }

    @Test
    void anUnreachableDependencyIsAnOutage() {
        assertThat(FailurePolicy.classify(new RuntimeException(new ConnectException("Connection refused"))))
                .isEqualTo(OUTAGE);
        assertThat(FailurePolicy.classify(new SQLException("terminating connection", "57P01"))).isEqualTo(OUTAGE);
        assertThat(FailurePolicy.classify(new SQLException("connection failure", "08006"))).isEqualTo(OUTAGE);
    }

    @Test
    void transientFailuresAreBoundedByAttemptsOutagesByTime() {
        assertThat(policy.mayRetry(TRANSIENT, 3, Duration.ZERO)).isTrue();
        assertThat(policy.mayRetry(TRANSIENT, 4, Duration.ZERO)).isFalse();
        assertThat(policy.mayRetry(PERMANENT, 1, Duration.ZERO)).isFalse();
        assertThat(policy.mayRetry(OUTAGE, 500, Duration.ofMinutes(9))).isTrue();
        assertThat(policy.mayRetry(OUTAGE, 2, Duration.ofMinutes(11))).isFalse();
    }

    @Test
    void backoffGrowsExponentiallyWithJitterUpToTheCap() {
        for (int i = 0; i < 200; i++) {
            assertThat(policy.backoff(TRANSIENT, 1)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
            assertThat(policy.backoff(TRANSIENT, 3)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
            assertThat(policy.backoff(TRANSIENT, 30)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
            assertThat(policy.backoff(OUTAGE, 1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        }
    }
}
