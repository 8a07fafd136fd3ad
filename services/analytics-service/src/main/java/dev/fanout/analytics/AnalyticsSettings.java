package dev.fanout.analytics;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code fanout.analytics.*}: what analytics-service does differently from the service kit's defaults. */
@ConfigMapping(prefix = "fanout.analytics")
public interface AnalyticsSettings {

    /**
     * The generation this instance writes (env {@code FANOUT_ANALYTICS_GENERATION}). It names the consumer group
     * ({@code analytics-service-g<n>}) and the Redis key prefix ({@code fanout:analytics:g<n>:}): a new generation
     * reads every topic from the earliest offset into keys of its own (a rebuild by replay).
     */
    @WithDefault("1")
    int generation();

    /** The root of every analytics key in Redis; generations live under {@code <key-prefix>g<n>:}. */
    @WithDefault("fanout:analytics:")
    String keyPrefix();

    /**
     * How long an applied event id is remembered in Redis ({@code <prefix>seen:<id>}): longer than the topics'
     * retention (7 days), so anything Kafka can still deliver again is recognised.
     */
    @WithDefault("8d")
    Duration dedupeTtl();

    /**
     * How long the per-order state (confirmed revenue, voids, journey timestamps, counted-once flags) is kept after
     * the order's last event. Events of one order arriving further apart than this are counted as unrelated.
     */
    @WithDefault("8d")
    Duration orderStateTtl();

    /** How long the per-minute timeline is kept, counted from the end of each (business-time) day. */
    @WithDefault("35d")
    Duration timelineRetention();

    /** Upper bound of one Redis call; beyond it Redis counts as unavailable (reads 503, consumers wait). */
    @WithDefault("1s")
    Duration redisTimeout();

    /** Hot reads: how long one answer of /analytics/summary or /analytics/top-products is reused (0: never). */
    @WithDefault("250ms")
    Duration readCache();

    /** How long this instance trusts its last look at the active generation (activation elsewhere shows after). */
    @WithDefault("1s")
    Duration activeGenerationRefresh();

    /** The Retry-After of a 503 while Redis is unavailable. */
    @WithDefault("5s")
    Duration retryAfter();

    /** How long audit events are kept (by the time they were recorded). */
    @WithDefault("90d")
    Duration auditRetention();

    /** How often the audit retention job runs (read by its {@code @Scheduled} expression). */
    @WithDefault("1h")
    Duration auditPurgeEvery();

    /** Rows deleted per statement by the audit retention job (short transactions, no long locks). */
    @WithDefault("5000")
    int auditPurgeBatch();

    /** At most this many events are returned for one order by {@code GET /audit/orders/{id}}. */
    @WithDefault("1000")
    int auditMaxEvents();
}
