package dev.fanout.kit.consumer;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code fanout.consumer.*}: the failure policy every consumer of a service applies (docs/failure-policy.md). */
@ConfigMapping(prefix = "fanout.consumer")
public interface ConsumerSettings {

    /** Attempts for a transient failure (the first try included) before the event is dead-lettered. */
    @WithDefault("6")
    int maxAttempts();

    /** Backoff before the second attempt; doubles each time, with jitter, up to {@link #maxBackoff()}. */
    @WithDefault("200ms")
    Duration initialBackoff();

    @WithDefault("5s")
    Duration maxBackoff();

    /**
     * How long a consumer keeps waiting while its database (or another dependency) is unreachable before it gives
     * the event up to the dead-letter topic. An outage is not the event's fault: it waits, and lag tells operators.
     */
    @WithDefault("1h")
    Duration maxOutageWait();

    /** A record in processing for longer than this makes the service not ready (a stuck partition). */
    @WithDefault("60s")
    Duration stuckAfter();

    /** How long processed event ids are remembered; replays and redelivery within it have no second effect. */
    @WithDefault("14d")
    Duration inboxRetention();
}
