package dev.fanout.kit.metrics;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.health.SmallRyeHealthReporter;
import io.smallrye.mutiny.Uni;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Readiness as metrics, so alerts and dashboards see what the load balancer sees: {@code fanout_ready} (1 when
 * /q/health/ready is UP) and {@code fanout_degraded} (1 when ready but a check reports {@code "mode": "degraded"},
 * such as order reads served from PostgreSQL while Redis is away).
 */
@ApplicationScoped
public class ReadinessGauge {

    private final SmallRyeHealthReporter health;
    private final AtomicInteger ready = new AtomicInteger();
    private final AtomicInteger degraded = new AtomicInteger();

    public ReadinessGauge(SmallRyeHealthReporter health, MeterRegistry registry) {
        this.health = health;
        Gauge.builder("fanout.ready", ready, AtomicInteger::get)
                .description("1 when the service's readiness check is UP").register(registry);
        Gauge.builder("fanout.degraded", degraded, AtomicInteger::get)
                .description("1 when the service is ready but a dependency is degraded").register(registry);
    }

    @Scheduled(every = "${fanout.metrics.readiness-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> measure() {
        return health.getReadinessAsync().invoke(result -> {
            ready.set(result.isDown() ? 0 : 1);
            degraded.set(isDegraded(result.getPayload()) ? 1 : 0);
        }).replaceWithVoid();
    }

    private static boolean isDegraded(JsonObject payload) {
        JsonValue checks = payload.get("checks");
        if (checks == null || checks.getValueType() != JsonValue.ValueType.ARRAY) {
            return false;
        }
        return checks.asJsonArray().stream().map(JsonValue::asJsonObject)
                .map(check -> check.getJsonObject("data"))
                .anyMatch(data -> data != null && "degraded".equals(data.getString("mode", null)));
    }
}
