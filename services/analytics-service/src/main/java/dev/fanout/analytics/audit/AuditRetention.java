package dev.fanout.analytics.audit;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.fanout.analytics.AnalyticsMetrics;
import dev.fanout.analytics.AnalyticsSettings;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Deletes audit events older than {@code fanout.analytics.audit-retention} (by the time they were recorded), in
 * batches of {@code audit-purge-batch} rows: each batch is its own short statement, so the consumers' inserts never
 * wait long behind it. One run deletes at most {@value #MAX_BATCHES_PER_RUN} batches; the next run continues.
 */
@ApplicationScoped
public class AuditRetention {

    static final int MAX_BATCHES_PER_RUN = 200;
    private static final Logger LOG = Logger.getLogger(AuditRetention.class);

    private final AuditTrail trail;
    private final AnalyticsSettings settings;
    private final AnalyticsMetrics metrics;

    public AuditRetention(AuditTrail trail, AnalyticsSettings settings, AnalyticsMetrics metrics) {
        this.trail = trail;
        this.settings = settings;
        this.metrics = metrics;
    }

    @Scheduled(every = "${fanout.analytics.audit-purge-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return purgeOlderThan(Instant.now().minus(settings.auditRetention()))
                .onFailure().invoke(e -> LOG.warnf("audit retention: %s (next run retries)", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Deletes, batch by batch, what was recorded before {@code cutoff}; returns how many events went. */
    public Uni<Long> purgeOlderThan(Instant cutoff) {
        return purge(cutoff, 0, 0L).invoke(total -> {
            if (total > 0) {
                LOG.infof("audit retention: deleted %d events recorded before %s", total, cutoff);
            }
        });
    }

    private Uni<Long> purge(Instant cutoff, int round, long soFar) {
        int batch = Math.max(1, settings.auditPurgeBatch());
        return trail.purge(cutoff, batch).chain(deleted -> {
            metrics.auditPurged(deleted);
            long total = soFar + deleted;
            if (deleted < batch || round + 1 >= MAX_BATCHES_PER_RUN) {
                return Uni.createFrom().item(total);
            }
            return purge(cutoff, round + 1, total);
        });
    }
}
