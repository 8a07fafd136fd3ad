package dev.fanout.fulfilment.events;

import java.time.Duration;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import dev.fanout.fulfilment.FulfilmentSettings;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * {@code fanout.fulfilment.extra-latency}: makes each event wait before it is processed, to show a slow consumer
 * (lag grows, order intake does not notice). A batch of n events waits n times as long, so the slowdown per event
 * does not depend on how many records a poll returns. The wait happens before the transaction, so no connection or
 * lock is held meanwhile, and processing resumes on the record's Vert.x context.
 */
@ApplicationScoped
public class SimulatedLatency {

    private final Duration latency;

    public SimulatedLatency(FulfilmentSettings settings) {
        this.latency = settings.extraLatency();
        if (latency.isNegative()) {
            throw new IllegalArgumentException("fanout.fulfilment.extra-latency must not be negative: " + latency);
        }
    }

    public Uni<Void> then(int events, Supplier<Uni<Void>> work) {
        if (latency.isZero() || events <= 0) {
            return work.get();
        }
        Context context = Vertx.currentContext();
        Uni<Void> wait = Uni.createFrom().voidItem().onItem().delayIt().by(latency.multipliedBy(events));
        if (context != null) {
            wait = wait.emitOn(command -> context.runOnContext(ignored -> command.run()));
        }
        return wait.chain(() -> work.get());
    }
}
