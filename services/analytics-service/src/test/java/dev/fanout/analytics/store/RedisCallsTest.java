package dev.fanout.analytics.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.fanout.kit.consumer.FailurePolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.redis.client.impl.types.ErrorType;

/** Which Redis failures are an outage (the consumer waits, reads answer 503) and which are errors. */
class RedisCallsTest {

    @Test
    void unreachableRedisIsAnOutageForTheKitsFailurePolicy() {
        // a generous bound where the call fails at once: on a loaded machine 50 ms can pass before it is subscribed
        Throwable refused = failure(Uni.createFrom().failure(new ConnectException("Connection refused")),
                Duration.ofSeconds(5));
        assertThat(refused).isInstanceOf(RedisUnavailableException.class).hasMessageContaining("Connection refused");
        assertThat(FailurePolicy.classify(refused)).isEqualTo(FailurePolicy.Kind.OUTAGE);

        Throwable silent = failure(Uni.createFrom().nothing(), Duration.ofMillis(50));
        assertThat(silent).isInstanceOf(RedisUnavailableException.class).hasMessageContaining("within 50 ms");
        assertThat(FailurePolicy.classify(silent)).isEqualTo(FailurePolicy.Kind.OUTAGE);
    }

    @Test
    void errorRepliesThatMeanNotNowAreAnOutageOthersAreNot() {
        for (String reply : new String[] { "OOM command not allowed when used memory > 'maxmemory'.",
                "LOADING Redis is loading the dataset in memory", "READONLY You can't write against a read only replica.",
                "BUSY Redis is busy running a script." }) {
            Throwable failure = failure(Uni.createFrom().failure(ErrorType.create(reply)), Duration.ofSeconds(5));
            assertThat(failure).as(reply).isInstanceOf(RedisUnavailableException.class);
            assertThat(FailurePolicy.classify(failure)).isEqualTo(FailurePolicy.Kind.OUTAGE);
        }
        Throwable wrongType = failure(Uni.createFrom().failure(ErrorType.create(
                "WRONGTYPE Operation against a key holding the wrong kind of value")), Duration.ofSeconds(5));
        assertThat(wrongType).isInstanceOf(ErrorType.class);
        assertThat(RedisCalls.isUnavailable(wrongType)).isFalse();
        assertThat(FailurePolicy.classify(wrongType)).isEqualTo(FailurePolicy.Kind.TRANSIENT);
        assertThat(RedisCalls.isNoScript(ErrorType.create("NOSCRIPT No matching script."))).isTrue();
    }

    private static Throwable failure(Uni<Object> call, Duration bound) {
        Throwable failure = RedisCalls.bounded(call, bound, "testing").map(ignored -> (Throwable) null)
                .onFailure().recoverWithItem(t -> t).await().atMost(Duration.ofSeconds(10));
        assertThat(failure).as("the call fails").isNotNull();
        return failure;
    }
}
