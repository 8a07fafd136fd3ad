package dev.fanout.kit.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code fanout.outbox.*}: how a service's outbox is relayed and cleaned. */
@ConfigMapping(prefix = "fanout.outbox")
public interface OutboxSettings {

    /** CloudEvents {@code source} of this service's events, e.g. {@code /fanout/order-service}. */
    String source();

    /** The schema that holds this service's outbox table (the service's own schema). */
    String schema();

    /** Rows per publish round; one round is one query, N sends, one update. */
    @WithDefault("250")
    int batchSize();

    /** How often an idle relay looks for rows another instance committed (its own commits wake it at once). */
    @WithDefault("100ms")
    Duration pollInterval();

    /** How often a standby instance tries to become the relay (failover time after the leader dies). */
    @WithDefault("2s")
    Duration leaderRetryInterval();

    /** Upper bound of the pause between failed publish rounds (doubles from 100 ms). */
    @WithDefault("5s")
    Duration maxBackoff();

    /** How long published rows are kept (for inspection) before the cleaner deletes them. */
    @WithDefault("24h")
    Duration retention();

    /** How often the backlog and oldest-age gauges are measured. */
    @WithDefault("5s")
    Duration metricsInterval();

    /** How often published rows older than {@link #retention()} are deleted. */
    @WithDefault("10m")
    Duration cleanupInterval();

    /** Whether this instance runs the relay at all (tests of the outbox table alone turn it off). */
    @WithDefault("true")
    boolean relayEnabled();
}
