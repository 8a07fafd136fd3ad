package dev.fanout.analytics.store;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * A very short-lived cache for hot reads: one answer per key is reused for {@code ttl}, and concurrent requests for
 * a key that is being read wait for that one read instead of each asking Redis. Failures are never kept. A zero TTL
 * turns it off.
 */
public final class ReadCache<V> {

    private static final int MAX_ENTRIES = 10_000;

    private record Entry<V>(Uni<V> value, long expiresAt) {
    }

    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;

    public ReadCache(Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    public Uni<V> get(String key, Supplier<Uni<V>> read) {
        if (ttlNanos <= 0) {
            return read.get();
        }
        long now = System.nanoTime();
        Entry<V> entry = entries.get(key);
        if (entry != null && now - entry.expiresAt() < 0) {
            return entry.value();
        }
        if (entries.size() > MAX_ENTRIES) {
            entries.clear();
        }
        Uni<V> shared = Uni.createFrom().<V>deferred(() -> read.get()).memoize().indefinitely();
        Entry<V> fresh = new Entry<>(shared.onFailure().invoke(failure -> entries.remove(key)), now + ttlNanos);
        entries.put(key, fresh);
        return fresh.value();
    }
}
