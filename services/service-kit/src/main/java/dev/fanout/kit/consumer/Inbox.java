package dev.fanout.kit.consumer;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

    /**
     * Claims the ids of a whole batch in one statement, inside the consumer's transaction: which of {@code events}
     * it sees for the first time. An id twice in the batch (a re-publication in the same poll) is fresh only at its
     * first position. One round trip per batch instead of one per event, and, run before any handler has loaded an
     * entity, no flush of the session for each claim.
     */
    public Uni<boolean[]> claimAll(String consumer, List<Claim> events) {
        StringBuilder sql = new StringBuilder("INSERT INTO {h-schema}inbox_event "
                + "(consumer, event_id, event_type, received_at) VALUES ");
        for (int i = 0; i < events.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:consumer, :id").append(i).append(", :type").append(i)
                    .append(", now())");
        }
        sql.append(" ON CONFLICT DO NOTHING RETURNING event_id");
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql.toString(), UUID.class).setParameter("consumer", consumer);
            for (int i = 0; i < events.size(); i++) {
                query.setParameter("id" + i, events.get(i).eventId()).setParameter("type" + i, events.get(i).eventType());
            }
            return query.getResultList();
        }).map(inserted -> {
            Set<UUID> fresh = new HashSet<>(inserted);
            boolean[] first = new boolean[events.size()];
            for (int i = 0; i < events.size(); i++) {
                first[i] = fresh.remove(events.get(i).eventId());
            }
            return first;
        });
    }

    /** One event of a batch to claim. */
    public record Claim(UUID eventId, String eventType) {
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
