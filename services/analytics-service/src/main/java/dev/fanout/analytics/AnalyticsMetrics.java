package dev.fanout.analytics;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What analytics counts beside the kit's consumer metrics. Tags stay low-cardinality: topics, outcomes, read
 * endpoints; never ids, SKUs or generations.
 */
@ApplicationScoped
public class AnalyticsMetrics {

    private final MeterRegistry registry;

    public AnalyticsMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * One event offered to the aggregates: {@code applied}, or {@code duplicate} when Redis had already applied its
     * id (a redelivery after a rolled-back transaction; the kit's inbox catches the ordinary ones before).
     */
    public void applied(String topic, boolean applied) {
        Counter.builder("fanout.analytics.applied").description("Events offered to the Redis aggregates, by outcome")
                .tag("topic", topic).tag("result", applied ? "applied" : "duplicate")
                .register(registry).increment();
    }

    /** A read endpoint answered 503 because Redis was unavailable. */
    public void readUnavailable(String endpoint) {
        Counter.builder("fanout.analytics.reads.unavailable")
                .description("Reads answered 503 because Redis, the only store of the aggregates, was unavailable")
                .tag("endpoint", endpoint).register(registry).increment();
    }

    /** Audit events deleted by the retention job. */
    public void auditPurged(long events) {
        Counter.builder("fanout.analytics.audit.purged").description("Audit events deleted by the retention job")
                .register(registry).increment(events);
    }
}
