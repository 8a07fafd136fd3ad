package dev.fanout.kit.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * What each consumer is working on right now. A record in processing for longer than {@code stuck-after} (a
 * partition that does not move: an outage, a retry loop) makes the service not ready, and says where it is stuck.
 */
@ApplicationScoped
public class ConsumerProgress {

    record InFlight(String position, Instant since, int attempt, String lastError) {
    }

    private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();
    private final ConsumerSettings settings;

    public ConsumerProgress(ConsumerSettings settings) {
        this.settings = settings;
    }

    void started(String consumer, String position) {
        inFlight.put(consumer, new InFlight(position, Instant.now(), 1, null));
    }

    void retrying(String consumer, int attempt, Throwable failure) {
        inFlight.computeIfPresent(consumer, (k, v) -> new InFlight(v.position(), v.since(), attempt,
                failure.getClass().getSimpleName() + ": " + failure.getMessage()));
    }

    void finished(String consumer) {
        inFlight.remove(consumer);
    }

    /** The {@code consumers} readiness check: DOWN while any consumer is stuck. */
    @Readiness
    @ApplicationScoped
    public static class Health implements AsyncHealthCheck {

        private final ConsumerProgress progress;

        public Health(ConsumerProgress progress) {
            this.progress = progress;
        }

        @Override
        public Uni<HealthCheckResponse> call() {
            return Uni.createFrom().item(progress::report);
        }
    }

    HealthCheckResponse report() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("consumers").up();
        Instant now = Instant.now();
        inFlight.forEach((consumer, work) -> {
            Duration busy = Duration.between(work.since(), now);
            if (busy.compareTo(settings.stuckAfter()) > 0) {
                response.down().withData(consumer, "stuck for " + busy.toSeconds() + " s at " + work.position()
                        + ", attempt " + work.attempt() + (work.lastError() == null ? "" : ": " + work.lastError()));
            }
        });
        return response.build();
    }
}
