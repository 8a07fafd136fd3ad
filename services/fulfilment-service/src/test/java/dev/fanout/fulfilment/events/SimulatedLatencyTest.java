package dev.fanout.fulfilment.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.fanout.fulfilment.FulfilmentSettings;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

class SimulatedLatencyTest {

    @Test
    void withoutLatencyTheWorkRunsAtOnce() {
        Thread caller = Thread.currentThread();
        CompletableFuture<Thread> ranOn = new CompletableFuture<>();

        new SimulatedLatency(settings(Duration.ZERO)).then(5, () -> {
            ranOn.complete(Thread.currentThread());
            return Uni.createFrom().voidItem();
        }).await().atMost(Duration.ofSeconds(1));

        assertThat(ranOn).isCompletedWithValue(caller);
    }

    @Test
    void aBatchWaitsOnceForEachOfItsEventsThenResumesOnTheRecordsVertxContext() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Context context = vertx.getOrCreateContext();
            CompletableFuture<Context> ranOn = new CompletableFuture<>();
            CompletableFuture<Long> elapsed = new CompletableFuture<>();
            SimulatedLatency latency = new SimulatedLatency(settings(Duration.ofMillis(150)));

            context.runOnContext(ignored -> {
                long start = System.nanoTime();
                latency.then(3, () -> {
                    ranOn.complete(Vertx.currentContext());
                    return Uni.createFrom().voidItem();
                }).subscribe().with(done -> elapsed.complete((System.nanoTime() - start) / 1_000_000),
                        elapsed::completeExceptionally);
            });

            assertThat(elapsed.get(10, TimeUnit.SECONDS)).as("3 events x 150 ms").isGreaterThanOrEqualTo(450);
            assertThat(ranOn.get()).isSameAs(context);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aNegativeLatencyIsRefused() {
        assertThatThrownBy(() -> new SimulatedLatency(settings(Duration.ofMillis(-1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("extra-latency");
    }

    private static FulfilmentSettings settings(Duration latency) {
        return new FulfilmentSettings() {
            @Override
            public Duration extraLatency() {
                return latency;
            }

            @Override
            public int maxRestock() {
                return 1;
            }

            @Override
            public Carrier carrier() {
                throw new UnsupportedOperationException();
            }
        };
    }
}
