package dev.fanout.order.read;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.fanout.order.placement.OrderSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;

/**
 * The Redis side of order reads: order JSON by id, exactly as the API returns it. Every operation is bounded by a
 * short timeout and never fails its caller: a Redis problem is a miss (reads) or a skipped write, counted, and for
 * {@code retry-after} the cache is not even asked, so an outage costs no latency.
 */
@ApplicationScoped
public class OrderCache {

    private static final Logger LOG = Logger.getLogger(OrderCache.class);

    private final ReactiveValueCommands<String, String> values;
    private final OrderSettings.Cache settings;
    private final AtomicLong skipUntil = new AtomicLong();
    private final Counter hits;
    private final Counter misses;
    private final Counter errors;
    private final Counter skipped;
    private final Counter writeErrors;

    public OrderCache(ReactiveRedisDataSource redis, OrderSettings settings, MeterRegistry registry) {
        this.values = redis.value(String.class);
        this.settings = settings.cache();
        this.hits = reads(registry, "hit");
        this.misses = reads(registry, "miss");
        this.errors = reads(registry, "error");
        this.skipped = reads(registry, "skipped");
        this.writeErrors = Counter.builder("fanout.cache.write.errors")
                .description("Read-model writes to Redis that failed (the entry expires or is rewritten later)")
                .register(registry);
    }

    private static Counter reads(MeterRegistry registry, String result) {
        return Counter.builder("fanout.cache.reads").tag("cache", "order").tag("result", result)
                .description("Order reads from Redis: hit, miss, error (answered from PostgreSQL), skipped "
                        + "(Redis recently failed, PostgreSQL asked directly)")
                .register(registry);
    }

    /** The cached JSON of an order, or null on a miss or any Redis trouble. */
    public Uni<String> get(UUID orderId) {
        if (recentlyFailed()) {
            skipped.increment();
            return Uni.createFrom().nullItem();
        }
        return values.get(key(orderId))
                .ifNoItem().after(settings.timeout()).fail()
                .invoke(json -> (json == null ? misses : hits).increment())
                .onFailure().recoverWithItem(e -> {
                    errors.increment();
                    failed("read", e);
                    return null;
                });
    }

    /** Writes (or refreshes) an order; failures are logged and counted, never thrown. */
    public Uni<Void> put(UUID orderId, String json) {
        if (recentlyFailed()) {
            writeErrors.increment();
            return Uni.createFrom().voidItem();
        }
        return values.setex(key(orderId), settings.ttl().toSeconds(), json)
                .ifNoItem().after(settings.timeout()).fail()
                .onFailure().recoverWithItem(e -> {
                    writeErrors.increment();
                    failed("write", e);
                    return null;
                })
                .replaceWithVoid();
    }

    /** Whether the cache answered its last operation (or has not been asked since it last failed). */
    public boolean available() {
        return !recentlyFailed();
    }

    private boolean recentlyFailed() {
        return System.currentTimeMillis() < skipUntil.get();
    }

    private void failed(String operation, Throwable e) {
        long now = System.currentTimeMillis();
        if (skipUntil.getAndSet(now + settings.retryAfter().toMillis()) < now) {
            LOG.warnf("Redis %s failed (%s); order reads come from PostgreSQL for the next %s", operation,
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(),
                    pretty(settings.retryAfter()));
        }
    }

    String key(UUID orderId) {
        return settings.prefix() + orderId;
    }

    private static String pretty(Duration duration) {
        return duration.toMillis() + " ms";
    }
}
