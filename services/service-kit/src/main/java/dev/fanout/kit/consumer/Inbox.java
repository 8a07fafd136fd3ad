package dev.fanout.kit.consumer;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.fanout.kit.outbox.OutboxSettings;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Which events a consumer has already acted on. Claiming an event id happens in the same transaction as the side
 * effect, so a redelivered event (crash before the offset commit, re-publish after a relay crash, replay, redrive)
 * finds its id taken and has no second effect.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    private final Pool pool;
    private final ConsumerSettings settings;
    private final String table;

    public Inbox(Pool pool, ConsumerSettings settings, OutboxSettings outbox) {
        this.pool = pool;
        this.settings = settings;
        this.table = outbox.schema() + ".inbox_event";
    }

    /** True when this consumer sees the event for the first time. Must run inside the consumer's transaction. */
    public Uni<Boolean> claim(String consumer, UUID eventId, String eventType) {
        return Panache.getSession().chain(session -> session.createNativeQuery("INSERT INTO {h-schema}inbox_event "
                + "(consumer, event_id, event_type, received_at) VALUES (:consumer, :eventId, :eventType, now()) "
                + "ON CONFLICT DO NOTHING")
                .setParameter("consumer", consumer)
                .setParameter("eventId", eventId)
                .setParameter("eventType", eventType)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    @Scheduled(every = "1h", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetOldEvents() {
        return pool.preparedQuery("DELETE FROM " + table + " WHERE ctid IN (SELECT ctid FROM " + table
                + " WHERE received_at < now() - make_interval(secs => $1) LIMIT 50000)")
                .execute(Tuple.of((double) settings.inboxRetention().toSeconds()))
                .invoke(rows -> LOG.debugf("inbox: forgot %d old event ids", rows.rowCount()))
                .onFailure().invoke(e -> LOG.warnf("inbox cleanup: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
