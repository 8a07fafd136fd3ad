package dev.fanout.order.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.fanout.order.placement.OrderSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.sortedset.ReactiveSortedSetCommands;
import io.quarkus.redis.datasource.sortedset.ZRangeArgs;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;

/**
 * The Redis side of the order read model: each order's JSON, exactly as the API returns it, and per customer a
 * sorted set of order ids by placement time. Every operation is bounded by a short timeout and never fails its
 * caller: trouble is a miss (reads) or a skipped write (counted, and the key repaired later by {@link RedisGuard}).
 */
@ApplicationScoped
public class OrderCache {

    private final ReactiveValueCommands<String, String> values;
    private final ReactiveSortedSetCommands<String, String> sortedSets;
    private final OrderSettings.Cache settings;
    private final RedisGuard guard;
    private final Counter hits;
    private final Counter misses;
    private final Counter errors;
    private final Counter skipped;
    private final Counter writeErrors;

    public OrderCache(ReactiveRedisDataSource redis, OrderSettings settings, RedisGuard guard,
            MeterRegistry registry) {
        this.values = redis.value(String.class);
        this.sortedSets = redis.sortedSet(String.class);
        this.settings = settings.cache();
        this.guard = guard;
        this.hits = reads(registry, "hit");
        this.misses = reads(registry, "miss");
        this.errors = reads(registry, "error");
        this.skipped = reads(registry, "skipped");
        this.writeErrors = Counter.builder("fanout.cache.write.errors")
                .description("Read-model writes to Redis that failed (the key is deleted once Redis is back)")
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
        if (guard.skip()) {
            skipped.increment();
            return Uni.createFrom().nullItem();
        }
        return bounded(values.get(orderKey(orderId)))
                .invoke(json -> (json == null ? misses : hits).increment())
                .onFailure().recoverWithItem(e -> {
                    errors.increment();
                    guard.failed("read", e);
                    return null;
                });
    }

    /** The cached JSON of several orders, in order; null where missing (or all null on trouble). */
    public Uni<List<String>> getAll(List<UUID> orderIds) {
        if (orderIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> none = new ArrayList<>();
        orderIds.forEach(id -> none.add(null));
        if (guard.skip()) {
            skipped.increment(orderIds.size());
            return Uni.createFrom().item(none);
        }
        String[] keys = orderIds.stream().map(this::orderKey).toArray(String[]::new);
        return bounded(values.mget(keys))
                .map(found -> {
                    List<String> jsons = new ArrayList<>(keys.length);
                    for (String key : keys) {
                        String json = found.get(key);
                        (json == null ? misses : hits).increment();
                        jsons.add(json);
                    }
                    return jsons;
                })
                .onFailure().recoverWithItem(e -> {
                    errors.increment(orderIds.size());
                    guard.failed("read", e);
                    return none;
                });
    }

    /** Writes (or refreshes) an order. */
    public Uni<Void> put(UUID orderId, String json) {
        String key = orderKey(orderId);
        if (guard.skip()) {
            return skippedWrite(key);
        }
        return bounded(values.setex(key, settings.ttl().toSeconds(), json))
                .onFailure().recoverWithUni(e -> failedWrite(key, e))
                .replaceWithVoid();
    }

    /**
     * One page of a customer's order ids, most recent first, and how many there are; null when the customer's list
     * is not cached (or Redis is in trouble), so the caller asks PostgreSQL.
     */
    public Uni<Page> page(String customerId, int page, int size) {
        if (guard.skip()) {
            skipped.increment();
            return Uni.createFrom().nullItem();
        }
        String key = customerKey(customerId);
        return bounded(sortedSets.zcard(key)).chain(total -> {
            if (total == 0) {
                misses.increment();
                return Uni.createFrom().<Page>nullItem();
            }
            long start = (long) page * size;
            return bounded(sortedSets.zrange(key, start, start + size - 1, new ZRangeArgs().rev()))
                    .map(ids -> new Page(ids.stream().map(UUID::fromString).toList(), total));
        }).onFailure().recoverWithItem(e -> {
            errors.increment();
            guard.failed("read", e);
            return null;
        });
    }

    /** A customer's order ids, most recent first, and how many there are. */
    public record Page(List<UUID> orderIds, long total) {
    }

    /** Adds a new order to its customer's list (only if the list is cached: a partial list would be wrong). */
    public Uni<Void> addToCustomer(String customerId, UUID orderId, long placedAtMillis) {
        String key = customerKey(customerId);
        if (guard.skip()) {
            return skippedWrite(key);
        }
        return bounded(sortedSets.zcard(key))
                .chain(size -> size == 0 ? Uni.createFrom().voidItem()
                        : bounded(sortedSets.zadd(key, placedAtMillis, orderId.toString()))
                                .replaceWithVoid())
                .onFailure().recoverWithUni(e -> failedWrite(key, e));
    }

    /** Caches a customer's whole list (ids with their placement time), rebuilt from PostgreSQL. */
    public Uni<Void> putCustomer(String customerId, Map<UUID, Long> placedAtMillisById) {
        String key = customerKey(customerId);
        if (placedAtMillisById.isEmpty() || guard.skip()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, Double> members = new java.util.HashMap<>();
        placedAtMillisById.forEach((id, millis) -> members.put(id.toString(), millis.doubleValue()));
        return bounded(sortedSets.zadd(key, members))
                .chain(() -> bounded(sortedSets.getDataSource().key().expire(key, settings.customerListTtl())))
                .replaceWithVoid()
                .onFailure().recoverWithUni(e -> failedWrite(key, e));
    }

    private Uni<Void> skippedWrite(String key) {
        writeErrors.increment();
        guard.stale(key);
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> failedWrite(String key, Throwable e) {
        writeErrors.increment();
        guard.failed("write", e);
        guard.stale(key);
        return Uni.createFrom().voidItem();
    }

    private <T> Uni<T> bounded(Uni<T> operation) {
        return operation.ifNoItem().after(settings.timeout()).fail();
    }

    String orderKey(UUID orderId) {
        return settings.prefix() + orderId;
    }

    String customerKey(String customerId) {
        return settings.customerPrefix() + customerId + ":orders";
    }
}
