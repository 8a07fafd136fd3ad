package dev.fanout.analytics.events;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.fanout.analytics.AnalyticsMetrics;
import dev.fanout.analytics.AnalyticsSettings;
import dev.fanout.analytics.aggregate.AggregateUpdate;
import dev.fanout.analytics.aggregate.Aggregation;
import dev.fanout.analytics.audit.AuditTrail;
import dev.fanout.analytics.store.AggregateStore;
import dev.fanout.analytics.store.AggregateStore.Applied;
import dev.fanout.analytics.store.Generations;
import dev.fanout.kit.consumer.ReceivedEvent;
import io.smallrye.mutiny.Uni;

/**
 * What analytics does with every event, inside the consumer's transaction (after the kit's inbox claimed its id):
 * <ol>
 * <li>plan its aggregate steps (pure rules; an amount that cannot be counted exactly fails here, before anything is
 * written, and the kit dead-letters the event);</li>
 * <li>append it to the audit trail (same transaction as the inbox claim);</li>
 * <li>apply the steps to this instance's generation in Redis, atomically and at most once per event id.</li>
 * </ol>
 * Redis is last: if it is down the transaction rolls back and the event waits (an outage); if Redis applied it but
 * the commit then failed, the retry finds the event's dedupe key in Redis and counts nothing twice.
 */
@ApplicationScoped
public class EventRecorder {

    private final Aggregation aggregation;
    private final AuditTrail audit;
    private final AggregateStore store;
    private final AnalyticsMetrics metrics;

    public EventRecorder(Generations generations, AnalyticsSettings settings, AuditTrail audit, AggregateStore store,
            AnalyticsMetrics metrics) {
        this.aggregation = new Aggregation(generations.keys(generations.own()), settings.orderStateTtl(),
                settings.timelineRetention());
        this.audit = audit;
        this.store = store;
        this.metrics = metrics;
    }

    public Uni<Void> record(ReceivedEvent<?> event) {
        return Uni.createFrom().deferred(() -> {
            AggregateUpdate update = aggregation.plan(event.type(), event.payload(), event.time());
            return audit.append(event)
                    .chain(() -> store.apply(aggregation.keys(), event.id(), update, Instant.now()))
                    .invoke(applied -> metrics.applied(event.topic(), applied == Applied.APPLIED))
                    .replaceWithVoid();
        });
    }
}
