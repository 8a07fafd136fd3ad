package dev.fanout.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import dev.fanout.events.EventTypes;
import dev.fanout.events.notification.NotificationSent;
import dev.fanout.kit.outbox.Outbox;
import dev.fanout.kit.outbox.OutboxSettings;
import dev.fanout.kit.outbox.Transactions;
import dev.fanout.notification.NotificationMetrics;
import dev.fanout.notification.NotificationMetrics.Result;
import dev.fanout.notification.NotificationSettings;
import dev.fanout.notification.delivery.DeliveryRules.GiveUp;
import dev.fanout.notification.delivery.DeliveryRules.Retry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Sends PENDING deliveries; not a Kafka consumer, so a slow provider never holds a partition. Safe with several
 * instances: deliveries are claimed with {@code FOR UPDATE SKIP LOCKED}, one statement, and each claim is fenced by
 * its attempt number.
 * <ol>
 * <li><b>Claim</b> (one autocommitted statement): up to batch-size due deliveries get {@code attempts + 1},
 * {@code attempted_at = now()}, {@code in_flight}, and a lease ({@code next_attempt_at = now() + lease}). The attempt
 * is on record before anything is sent.</li>
 * <li><b>Send</b>: an external sender outside any transaction, bounded by send-timeout (shorter than the lease); the
 * recording sender inside step 3's transaction.</li>
 * <li><b>Mark</b> (one transaction): if the row still holds this attempt, SENT + NotificationSent in the outbox;
 * or, after a failure, PENDING with a backoff, or FAILED when the attempts are used up or the refusal is
 * permanent.</li>
 * </ol>
 * A crash between 1 and 3 leaves the delivery in flight: when its lease expires any instance claims it again (counted
 * as {@code recovered}), at most max-attempts times in all; then it is FAILED, visibly.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    private static final Duration MARK_RETRY_MIN = Duration.ofMillis(200);
    private static final Duration MARK_RETRY_MAX = Duration.ofSeconds(5);

    private final Pool pool;
    private final Transactions transactions;
    private final Outbox outbox;
    private final Senders senders;
    private final NotificationMetrics metrics;
    private final NotificationSettings.Dispatch settings;
    private final NotificationSettings all;
    private final DeliveryRules rules;
    private final Vertx vertx;
    private final String table;
    private final String recordedTable;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();

    public Dispatcher(Pool pool, Transactions transactions, Outbox outbox, Senders senders,
            NotificationMetrics metrics, NotificationSettings settings, OutboxSettings outboxSettings, Vertx vertx) {
        this.pool = pool;
        this.transactions = transactions;
        this.outbox = outbox;
        this.senders = senders;
        this.metrics = metrics;
        this.all = settings;
        this.settings = settings.dispatch();
        this.rules = new DeliveryRules(this.settings.maxAttempts(), this.settings.initialBackoff(),
                this.settings.maxBackoff());
        this.vertx = vertx;
        this.table = outboxSettings.schema() + ".delivery";
        this.recordedTable = outboxSettings.schema() + ".recorded_message";
    }

    /** Refuses settings that would break the guarantee: a send that outlives its lease could be sent twice. */
    void check(@Observes StartupEvent startup) {
        check(all);
        LOG.infof("notifications: email via %s, dispatcher %s (lease %s, send timeout %s, %d attempts)",
                all.sender().name().toLowerCase(), settings.enabled() ? "on" : "OFF", settings.lease(),
                settings.sendTimeout(), settings.maxAttempts());
    }

    static void check(NotificationSettings settings) {
        NotificationSettings.Dispatch dispatch = settings.dispatch();
        if (dispatch.sendTimeout().compareTo(dispatch.lease()) >= 0) {
            throw new IllegalStateException("fanout.notifications.dispatch.send-timeout (" + dispatch.sendTimeout()
                    + ") must be shorter than the lease (" + dispatch.lease() + "): an attempt still running when its "
                    + "lease expires could be sent a second time");
        }
        if (settings.retention().compareTo(settings.maxEventAge()) <= 0) {
            throw new IllegalStateException("fanout.notifications.retention (" + settings.retention() + ") must be "
                    + "longer than max-event-age (" + settings.maxEventAge() + "): a replayed event must find its "
                    + "delivery, or be too old to send");
        }
        if (dispatch.batchSize() < 1) {
            throw new IllegalStateException("fanout.notifications.dispatch.batch-size must be at least 1");
        }
    }

    @Scheduled(every = "${fanout.notifications.dispatch.poll-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (settings.enabled()) {
            wake();
        }
    }

    void stopping(@Observes ShutdownEvent shutdown) {
        stopping.set(true);
    }

    /** New deliveries were committed (or it is time to look): run a round now, without waiting for it. */
    public void wake() {
        if (!settings.enabled() || stopping.get()) {
            return;
        }
        dispatchOnce().subscribe().with(count -> {
        }, failure -> LOG.warnf("notifications: dispatch round failed: %s", failure.getMessage()));
    }

    /**
     * Dispatches until nothing is due; the item is how many deliveries this call handled (0 when another round of
     * this instance was already running: it will look again). Runs on a fresh Vert.x context of its own.
     */
    public Uni<Integer> dispatchOnce() {
        return onOwnContext(() -> {
            if (!running.compareAndSet(false, true)) {
                again.set(true);
                return Uni.createFrom().item(0);
            }
            return rounds(0).eventually(() -> running.set(false));
        });
    }

    private Uni<Integer> rounds(int handledSoFar) {
        again.set(false);
        return giveUpLost().chain(() -> claim(settings.batchSize())).chain(batch -> deliverAll(batch)
                .chain(() -> batch.size() == settings.batchSize() || again.get()
                        ? rounds(handledSoFar + batch.size())
                        : Uni.createFrom().item(handledSoFar + batch.size())));
    }

    private Uni<Void> deliverAll(List<Claimed> batch) {
        batch.forEach(this::noteRecovered);
        boolean allTransactional = batch.stream()
                .allMatch(claimed -> senders.forChannel(claimed.channel()).transactional());
        return allTransactional && batch.size() > 1 ? deliverTogether(batch) : oneByOne(batch);
    }

    private Uni<Void> oneByOne(List<Claimed> batch) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Claimed claimed : batch) {
            chain = chain.chain(() -> deliverClaimed(claimed));
        }
        return chain;
    }

    /**
     * A transactional sender (the recording one) sends and marks a whole claimed round in ONE transaction: one
     * commit, one row-lock statement and one relay wake-up per round instead of per message (the benchmark showed
     * this service spending the most CPU per order, most of it in per-message transactions). If that transaction
     * fails for any reason nothing of it happened, and each delivery goes again alone, with its own failure handling
     * (a permanent refusal of one message must not hold back the others).
     */
    private Uni<Void> deliverTogether(List<Claimed> batch) {
        return transactions.write(() -> lockedAll(batch).chain(deliveries -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Claimed claimed : batch) {
                Delivery delivery = stillHeld(claimed, deliveries.get(claimed.id()));
                if (delivery != null) {
                    NotificationSender sender = senders.forChannel(claimed.channel());
                    OutgoingMessage message = claimed.message(all.messageIdDomain());
                    chain = chain.chain(() -> sent(delivery, () -> sender.send(message)));
                }
            }
            return chain;
        })).onFailure().recoverWithUni(failure -> {
            LOG.debugf("notifications: a round of %d failed together (%s); delivering them one by one", batch.size(),
                    describe(failure));
            return oneByOne(batch);
        });
    }

    /**
     * Step 1: claims up to {@code limit} due deliveries for one attempt each (attempt recorded, lease taken). Public
     * for tests and tools that drive the steps one by one.
     */
    public Uni<List<Claimed>> claim(int limit) {
        return pool.preparedQuery("WITH due AS (SELECT id, in_flight FROM " + table
                + " WHERE status = 'PENDING' AND next_attempt_at <= now() AND attempts < $2"
                + " ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED) "
                + "UPDATE " + table + " d SET attempts = d.attempts + 1, attempted_at = now(), in_flight = true, "
                + "next_attempt_at = now() + make_interval(secs => $3), updated_at = now() "
                + "FROM due WHERE d.id = due.id "
                + "RETURNING d.id, d.order_id, d.channel, d.recipient, d.subject, d.body, d.html_body, d.attempts, "
                + "due.in_flight AS was_in_flight")
                .execute(Tuple.of(limit, settings.maxAttempts(), (double) settings.lease().toMillis() / 1000.0))
                .map(rows -> {
                    List<Claimed> claimed = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        claimed.add(new Claimed(row.getString("id"), row.getUUID("order_id"),
                                Channel.valueOf(row.getString("channel")), row.getString("recipient"),
                                row.getString("subject"), row.getString("body"), row.getString("html_body"),
                                row.getInteger("attempts"), row.getBoolean("was_in_flight")));
                    }
                    return claimed;
                });
    }

    /** Steps 2 and 3 for one claimed delivery. Never fails: what goes wrong is recorded or left to the lease. */
    public Uni<Void> deliver(Claimed claimed) {
        noteRecovered(claimed);
        return deliverClaimed(claimed);
    }

    private void noteRecovered(Claimed claimed) {
        if (claimed.wasInFlight()) {
            metrics.count(claimed.channel(), Result.RECOVERED);
            LOG.warnf("notifications: %s attempt %d: the previous attempt never reported back (crash or hang); "
                    + "sending again under the same id", claimed.id(), claimed.attempt());
        }
    }

    private Uni<Void> deliverClaimed(Claimed claimed) {
        NotificationSender sender = senders.forChannel(claimed.channel());
        OutgoingMessage message = claimed.message(all.messageIdDomain());
        Uni<Void> outcome;
        if (sender.transactional()) {
            outcome = transactions.write(() -> markSent(claimed, () -> sender.send(message)))
                    .onFailure().recoverWithUni(failure -> markFailed(claimed, failure));
        } else {
            outcome = Uni.createFrom().deferred(() -> sender.send(message))
                    .ifNoItem().after(settings.sendTimeout())
                    .failWith(() -> new TimeoutException(sender.name() + " did not accept "
                            + claimed.id() + " within " + settings.sendTimeout()))
                    .onItemOrFailure().transformToUni((receipt, failure) -> failure == null
                            ? transactions.write(() -> markSent(claimed, () -> Uni.createFrom().item(receipt)))
                                    // the provider has it: keep trying to record that, well within the lease
                                    .onFailure().retry().withBackOff(MARK_RETRY_MIN, MARK_RETRY_MAX)
                                    .expireIn(settings.lease().dividedBy(2).toMillis())
                            : markFailed(claimed, failure));
        }
        return outcome.onFailure().invoke(e -> LOG.errorf("notifications: %s attempt %d: outcome not recorded (%s); "
                + "the lease (%s) brings it back", claimed.id(), claimed.attempt(), e.getMessage(), settings.lease()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** In a transaction: SENT and NotificationSent, if this attempt still holds the delivery. */
    private Uni<Void> markSent(Claimed claimed, Supplier<Uni<SendReceipt>> send) {
        return locked(claimed).chain(delivery -> delivery == null ? Uni.createFrom().voidItem() : sent(delivery, send));
    }

    /** Sends (when {@code send} does) and marks a locked, still held delivery SENT with its NotificationSent. */
    private Uni<Void> sent(Delivery delivery, Supplier<Uni<SendReceipt>> send) {
        return send.get().chain(receipt -> {
            Instant now = now();
            delivery.status = DeliveryRules.move(delivery.status, DeliveryStatus.SENT);
            delivery.sentAt = now;
            delivery.updatedAt = now;
            delivery.inFlight = false;
            delivery.nextAttemptAt = null;
            delivery.detail = null;
            delivery.providerId = receipt.providerId();
            transactions.afterCommit(() -> {
                metrics.count(delivery.channel, Result.SENT);
                return Uni.createFrom().voidItem();
            });
            return outbox.add(EventTypes.NOTIFICATION_SENT, delivery.orderId, new NotificationSent(
                    delivery.orderId, delivery.id, delivery.customerId, delivery.channel.name(), delivery.about,
                    delivery.aboutEventId, delivery.recipientMasked, now), now).replaceWithVoid();
        });
    }

    /** In a transaction: another attempt later, or FAILED. */
    private Uni<Void> markFailed(Claimed claimed, Throwable failure) {
        String error = describe(failure);
        boolean permanent = failure instanceof PermanentSendException;
        return transactions.write(() -> locked(claimed).invoke(delivery -> {
            if (delivery == null) {
                return;
            }
            Instant now = now();
            delivery.inFlight = false;
            delivery.updatedAt = now;
            DeliveryRules.AfterFailure next = rules.afterFailure(claimed.attempt(), permanent, error, now);
            if (next instanceof Retry retry) {
                delivery.status = DeliveryRules.move(delivery.status, DeliveryStatus.PENDING);
                delivery.nextAttemptAt = retry.at();
                delivery.detail = "attempt " + claimed.attempt() + " failed: " + error;
                LOG.warnf("notifications: %s attempt %d failed (%s); next at %s", claimed.id(), claimed.attempt(),
                        error, retry.at());
                transactions.afterCommit(() -> {
                    metrics.count(delivery.channel, Result.RETRIED);
                    return Uni.createFrom().voidItem();
                });
            } else {
                delivery.status = DeliveryRules.move(delivery.status, DeliveryStatus.FAILED);
                delivery.nextAttemptAt = null;
                delivery.detail = ((GiveUp) next).reason();
                LOG.errorf("notifications: %s FAILED: %s", claimed.id(), delivery.detail);
                transactions.afterCommit(() -> {
                    metrics.count(delivery.channel, Result.FAILED);
                    return Uni.createFrom().voidItem();
                });
            }
        })).replaceWithVoid();
    }

    /** The delivery, row-locked, if this claim still holds it (PENDING, same attempt); else null (overtaken). */
    private Uni<Delivery> locked(Claimed claimed) {
        return Delivery.<Delivery>find("id = ?1", claimed.id()).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult().map(delivery -> stillHeld(claimed, delivery));
    }

    /** The deliveries of a round, row-locked in one statement (in id order, as every locker here takes them). */
    private Uni<Map<String, Delivery>> lockedAll(List<Claimed> batch) {
        List<String> ids = batch.stream().map(Claimed::id).toList();
        return Delivery.<Delivery>find("id in ?1 order by id", ids).withLock(LockModeType.PESSIMISTIC_WRITE).list()
                .map(rows -> rows.stream().collect(Collectors.toMap(d -> d.id, d -> d)));
    }

    /** The delivery if this claim still holds it (PENDING, same attempt); else null, counted as overtaken. */
    private Delivery stillHeld(Claimed claimed, Delivery delivery) {
        if (delivery == null || delivery.status != DeliveryStatus.PENDING || delivery.attempts != claimed.attempt()) {
            metrics.count(claimed.channel(), Result.OVERTAKEN);
            LOG.warnf("notifications: %s attempt %d finished after its lease expired (now %s, attempt %s): not marked",
                    claimed.id(), claimed.attempt(), delivery == null ? "gone" : delivery.status,
                    delivery == null ? "-" : String.valueOf(delivery.attempts));
            return null;
        }
        return delivery;
    }

    /**
     * Deliveries whose last allowed attempt never reported back, once its lease expired: FAILED (the message may or
     * may not have reached the customer; nobody will send it again by itself).
     */
    Uni<Void> giveUpLost() {
        return pool.preparedQuery("UPDATE " + table + " SET status = 'FAILED', in_flight = false, "
                + "next_attempt_at = NULL, updated_at = now(), detail = 'gave up: attempt ' || attempts || ' never "
                + "reported back (the instance stopped or hung); the message may or may not have been delivered' "
                + "WHERE status = 'PENDING' AND in_flight AND attempts >= $1 AND next_attempt_at <= now() "
                + "RETURNING id, channel")
                .execute(Tuple.of(settings.maxAttempts()))
                .invoke(rows -> {
                    for (Row row : rows) {
                        metrics.count(Channel.valueOf(row.getString("channel")), Result.FAILED);
                        LOG.errorf("notifications: %s FAILED: its last attempt never reported back",
                                row.getString("id"));
                    }
                })
                .replaceWithVoid();
    }

    /** The open deliveries, for the gauges: every 10 s. */
    @Scheduled(every = "10s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refreshGauges() {
        return pool.query("SELECT count(*) FILTER (WHERE status = 'PENDING') AS pending, "
                + "count(*) FILTER (WHERE status = 'WAITING') AS waiting, "
                + "count(*) FILTER (WHERE status = 'FAILED') AS failed, "
                + "coalesce(extract(epoch FROM now() - min(created_at) FILTER (WHERE status = 'PENDING')), 0) "
                + "AS oldest FROM " + table + " WHERE status IN ('PENDING', 'WAITING', 'FAILED')")
                .execute()
                .invoke(rows -> {
                    Row row = rows.iterator().next();
                    metrics.open(row.getLong("pending"), row.getLong("waiting"), row.getLong("failed"),
                            Duration.ofMillis((long) (row.getDouble("oldest") * 1000)));
                })
                .onFailure().invoke(e -> LOG.debugf("notifications: gauges: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Finished deliveries and recorded messages older than the retention. */
    @Scheduled(every = "1h", delayed = "3m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetOld() {
        Tuple age = Tuple.of((double) all.retention().toSeconds());
        return pool.preparedQuery("DELETE FROM " + table + " WHERE ctid IN (SELECT ctid FROM " + table
                + " WHERE status IN ('SENT', 'SKIPPED', 'FAILED') AND updated_at < now() - make_interval(secs => $1)"
                + " LIMIT 50000)").execute(age)
                .chain(() -> pool.preparedQuery("DELETE FROM " + recordedTable + " WHERE ctid IN (SELECT ctid FROM "
                        + recordedTable + " WHERE recorded_at < now() - make_interval(secs => $1) LIMIT 50000)")
                        .execute(age))
                .onFailure().invoke(e -> LOG.warnf("notifications: cleanup: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private <T> Uni<T> onOwnContext(Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(ignored -> {
                Uni<T> uni;
                try {
                    uni = work.get();
                } catch (RuntimeException e) {
                    emitter.fail(e);
                    return;
                }
                uni.subscribe().with(emitter::complete, emitter::fail);
            });
        });
    }

    private static String describe(Throwable failure) {
        Throwable t = failure;
        if (!(t instanceof PermanentSendException)) {
            while (t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int newline = message.indexOf('\n');
        message = newline < 0 ? message : message.substring(0, newline);
        return message.length() > 300 ? message.substring(0, 300) + "..." : message;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
