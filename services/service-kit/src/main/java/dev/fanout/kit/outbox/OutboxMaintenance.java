package dev.fanout.kit.outbox;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The outbox as operators see it: backlog (rows not yet published) and the age of the oldest one, as gauges; and
 * the removal of rows published longer than {@code fanout.outbox.retention} ago.
 */
@Startup
@ApplicationScoped
public class OutboxMaintenance {

    private static final Logger LOG = Logger.getLogger(OutboxMaintenance.class);

    private final Pool pool;
    private final OutboxSettings settings;
    private final String table;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestAgeMillis = new AtomicLong();

    public OutboxMaintenance(Pool pool, OutboxSettings settings, MeterRegistry registry) {
        this.pool = pool;
        this.settings = settings;
        this.table = OutboxTables.qualified(settings.schema(), "outbox_event");
        Gauge.builder("fanout.outbox.backlog", backlog, AtomicLong::get)
                .description("Outbox events committed but not yet acknowledged by Kafka").register(registry);
        Gauge.builder("fanout.outbox.oldest.age", oldestAgeMillis, a -> a.get() / 1000.0).baseUnit("seconds")
                .description("Age of the oldest unpublished outbox event (0 when none)").register(registry);
    }

    @Scheduled(every = "${fanout.outbox.metrics-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> measure() {
        return pool.query("SELECT count(*) AS backlog, min(created_at) AS oldest FROM " + table
                + " WHERE sent_at IS NULL").execute()
                .invoke(rows -> {
                    Row row = rows.iterator().next();
                    backlog.set(row.getLong("backlog"));
                    OffsetDateTime oldest = row.getOffsetDateTime("oldest");
                    oldestAgeMillis.set(oldest == null ? 0
                            : Math.max(0, Duration.between(oldest, OffsetDateTime.now()).toMillis()));
                })
                .onFailure().invoke(e -> LOG.debugf("outbox metrics: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    @Scheduled(every = "${fanout.outbox.cleanup-interval}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> deletePublished() {
        return pool.preparedQuery("DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table
                + " WHERE sent_at < now() - make_interval(secs => $1) LIMIT 10000)")
                .execute(Tuple.of((double) settings.retention().toSeconds()))
                .invoke(rows -> {
                    if (rows.rowCount() > 0) {
                        LOG.debugf("outbox: deleted %d published events", rows.rowCount());
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("outbox cleanup: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
