package dev.fanout.events;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A topic as the platform expects it on every cluster.
 *
 * @param name        topic name
 * @param partitions  partition count: the ceiling of consumer parallelism (and of lag-based autoscaling)
 * @param key         what the record key is; every event of one aggregate shares it, so it lands on one partition
 * @param retention   how long records are kept (replay and onboarding reach back this far)
 * @param producer    the one service allowed to write it (for DLQ topics: the consumer that dead-letters)
 * @param eventTypes  the contracts that may appear on it
 * @param compacted   keep the latest record per key forever (a ledger) instead of deleting by age
 */
public record TopicSpec(String name, int partitions, String key, Duration retention, String producer,
        List<EventType<?>> eventTypes, boolean compacted) {

    public TopicSpec(String name, int partitions, String key, Duration retention, String producer,
            List<EventType<?>> eventTypes) {
        this(name, partitions, key, retention, producer, eventTypes, false);
    }

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(producer, "producer");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be positive: " + name);
        }
        eventTypes = List.copyOf(eventTypes);
    }

    public boolean isDeadLetter() {
        return name.endsWith(TopicCatalog.DLQ_SUFFIX);
    }
}
