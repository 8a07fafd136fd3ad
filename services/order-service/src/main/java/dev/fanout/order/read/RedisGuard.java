package dev.fanout.order.read;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.fanout.order.placement.OrderSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Keeps a Redis problem from costing more than it must. After a failure, the read model leaves Redis alone for
 * {@code retry-after} (reads go to PostgreSQL without waiting for a timeout). A write that failed leaves its key
 * possibly stale, so the key is remembered and deleted as soon as Redis answers again: the next read rebuilds it
 * from PostgreSQL. (Remembered in memory: if this instance dies first, the entry's TTL bounds the staleness.)
 */
@ApplicationScoped
public class RedisGuard {

    private static final Logger LOG = Logger.getLogger(RedisGuard.class);
    private static final int MAX_DIRTY = 100_000;

    private final ReactiveRedisDataSource redis;
    private final OrderSettings.Cache settings;
    private final AtomicLong skipUntil = new AtomicLong();
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();

    public RedisGuard(ReactiveRedisDataSource redis, OrderSettings settings, MeterRegistry registry) {
        this.redis = redis;
        this.settings = settings.cache();
        Gauge.builder("fanout.cache.stale.keys", dirty, Set::size)
                .description("Redis keys whose write failed, to be deleted once Redis answers again")
                .register(registry);
    }

    /** Whether Redis recently failed, so it should not be asked now. */
    public boolean skip() {
        return System.currentTimeMillis() < skipUntil.get();
    }

    public void failed(String operation, Throwable e) {
        long now = System.currentTimeMillis();
        if (skipUntil.getAndSet(now + settings.retryAfter().toMillis()) < now) {
            LOG.warnf("Redis %s failed (%s); reads come from PostgreSQL for the next %d ms", operation,
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(),
                    settings.retryAfter().toMillis());
        }
    }

    /** A write to {@code key} did not happen: delete the key once Redis is back. */
    public void stale(String key) {
        if (dirty.size() < MAX_DIRTY) {
            dirty.add(key);
        }
    }

    @Scheduled(every = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> repair() {
        if (dirty.isEmpty() || skip()) {
            return Uni.createFrom().voidItem();
        }
        String[] keys = dirty.toArray(String[]::new);
        return redis.key().del(keys)
                .ifNoItem().after(settings.timeout()).fail()
                .invoke(deleted -> {
                    for (String key : keys) {
                        dirty.remove(key);
                    }
                    LOG.infof("Redis is back: dropped %d possibly stale read-model keys", keys.length);
                })
                .onFailure().invoke(e -> failed("repair", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
