package dev.fanout.order.read;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Redis is a cache here: without it reads are slower, not wrong. So its check never takes the service out of
 * rotation; it says {@code "mode": "degraded"} and why, while the PostgreSQL and Kafka checks decide readiness.
 */
@Readiness
@ApplicationScoped
public class OrderCacheHealth implements AsyncHealthCheck {

    private static final Duration PING_TIMEOUT = Duration.ofMillis(500);

    private final ReactiveRedisDataSource redis;

    public OrderCacheHealth(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return redis.execute("PING")
                .ifNoItem().after(PING_TIMEOUT).fail()
                .map(pong -> HealthCheckResponse.named("order-read-cache").up()
                        .withData("redis", "available").withData("mode", "normal").build())
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named("order-read-cache").up()
                        .withData("redis", "unavailable: " + e.getMessage())
                        .withData("mode", "degraded")
                        .withData("reads", "served from PostgreSQL").build());
    }
}
