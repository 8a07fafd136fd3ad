package dev.fanout.analytics.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.fanout.analytics.aggregate.EventFacts;
import dev.fanout.kit.consumer.PermanentEventException;
import dev.fanout.kit.consumer.ReceivedEvent;
import dev.fanout.kit.outbox.OutboxSettings;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The append-only audit trail in PostgreSQL ({@code <schema>.audit_event}): every event analytics sees, once, with
 * its envelope, where it was read and its body as it arrived. Appending happens in the consumer's transaction (the
 * kit's inbox claim and this insert commit together), reading and purging outside of it.
 */
@ApplicationScoped
public class AuditTrail {

    private final Pool pool;
    private final String table;

    public AuditTrail(Pool pool, OutboxSettings outbox) {
        this.pool = pool;
        this.table = outbox.schema() + ".audit_event";
    }

    /**
     * Appends the event (nothing if its id is already there). Must run inside the consumer's transaction. Null
     * envelope attributes travel as empty strings and become NULL in SQL, so no parameter has to be typed from null.
     * The body is bound as text and parsed by PostgreSQL: bound straight to a jsonb parameter, the reactive client
     * would store it as one JSON string instead of the object it is.
     */
    public Uni<Void> append(ReceivedEvent<?> event) {
        UUID order = orderId(event);
        Instant time = event.time() != null ? event.time() : EventFacts.businessTime(event.payload(), null);
        OffsetDateTime eventTime = OffsetDateTime.ofInstant(time != null ? time : Instant.now(), ZoneOffset.UTC);
        return Panache.getSession().chain(session -> session.createNativeQuery("INSERT INTO {h-schema}audit_event "
                + "(event_id, event_type, source, subject, message_key, order_id, topic, kafka_partition, "
                + "kafka_offset, event_time, payload) VALUES (:eventId, :type, NULLIF(:source, ''), "
                + "NULLIF(:subject, ''), NULLIF(:key, ''), :orderId, :topic, :partition, :offset, :eventTime, "
                + "CAST(CAST(:payload AS text) AS jsonb)) ON CONFLICT (event_id) DO NOTHING")
                .setParameter("eventId", event.id())
                .setParameter("type", event.type().type())
                .setParameter("source", orEmpty(event.source()))
                .setParameter("subject", orEmpty(event.subject()))
                .setParameter("key", orEmpty(event.key()))
                .setParameter("orderId", order)
                .setParameter("topic", event.topic())
                .setParameter("partition", event.partition())
                .setParameter("offset", event.offset())
                .setParameter("eventTime", eventTime)
                .setParameter("payload", event.json())
                .executeUpdate())
                .replaceWithVoid();
    }

    /** One order's events across every topic, by event time, then topic, partition and offset; at most {@code limit}. */
    public Uni<List<AuditEntry>> history(UUID orderId, int limit) {
        return pool.preparedQuery("SELECT event_id, event_type, source, subject, message_key, topic, "
                + "kafka_partition, kafka_offset, event_time, recorded_at, payload::text FROM " + table
                + " WHERE order_id = $1 ORDER BY event_time, topic, kafka_partition, kafka_offset LIMIT $2")
                .execute(Tuple.of(orderId, limit))
                .map(rows -> {
                    List<AuditEntry> entries = new ArrayList<>();
                    for (Row row : rows) {
                        entries.add(new AuditEntry(row.getUUID(0), row.getString(1), row.getString(2),
                                row.getString(3), row.getString(4), row.getString(5), row.getInteger(6),
                                row.getLong(7), row.getOffsetDateTime(8).toInstant(),
                                row.getOffsetDateTime(9).toInstant(), row.getString(10)));
                    }
                    return entries;
                });
    }

    /** Deletes up to {@code batch} events recorded before {@code cutoff}; returns how many. */
    public Uni<Integer> purge(Instant cutoff, int batch) {
        return pool.preparedQuery("DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table
                + " WHERE recorded_at < $1 LIMIT $2)")
                .execute(Tuple.of(OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC), batch))
                .map(rows -> rows.rowCount());
    }

    /** The order an event is about: the record key when it is a UUID (it always is for Fanout), else the payload's. */
    static UUID orderId(ReceivedEvent<?> event) {
        if (event.key() != null) {
            try {
                return UUID.fromString(event.key());
            } catch (IllegalArgumentException notAUuid) {
                // fall through to the payload
            }
        }
        UUID fromPayload = EventFacts.orderId(event.payload());
        if (fromPayload == null) {
            throw new PermanentEventException("cannot tell which order " + event.type().type() + " " + event.id()
                    + " is about: key '" + event.key() + "' is not an order id and the payload has none");
        }
        return fromPayload;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
