package dev.fanout.analytics.store;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.fanout.analytics.AnalyticsSettings;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * Redis is not a cache for analytics, it is the store: the aggregates exist nowhere else, so without Redis the read
 * endpoints cannot answer (503) and the consumers wait. Readiness says so (DOWN, with the reason); liveness does not
 * (restarting the service would not bring Redis back).
 */
@Readiness
@ApplicationScoped
public class RedisReadiness implements AsyncHealthCheck {

    static final String NAME = "analytics-redis";

    private final Redis redis;
    private final Generations generations;
    private final Duration timeout;

    public RedisReadiness(Redis redis, Generations generations, AnalyticsSettings settings) {
        this.redis = redis;
        this.generations = generations;
        this.timeout = settings.redisTimeout();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return RedisCalls.bounded(redis.send(Request.cmd(Command.PING)), timeout, "PING")
                .chain(pong -> generations.active())
                .map(active -> HealthCheckResponse.named(NAME).up()
                        .withData("redis", "available")
                        .withData("generation", generations.own())
                        .withData("activeGeneration", active)
                        .build())
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named(NAME).down()
                        .withData("redis", "unavailable: " + e.getMessage())
                        .withData("generation", generations.own())
                        .withData("reads", "503: the aggregates live only in Redis")
                        .withData("consumers", "waiting for Redis (lag grows, nothing is dead-lettered)")
                        .build());
    }
}
