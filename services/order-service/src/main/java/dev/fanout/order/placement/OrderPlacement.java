package dev.fanout.order.placement;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.fanout.events.EventTypes;
import dev.fanout.events.order.OrderPlaced;
import dev.fanout.kit.Ids;
import dev.fanout.kit.outbox.Outbox;
import dev.fanout.kit.outbox.Transactions;
import dev.fanout.kit.persistence.PgErrors;
import dev.fanout.kit.problem.Problem;
import dev.fanout.kit.problem.ProblemException;
import dev.fanout.order.domain.IdempotencyRecord;
import dev.fanout.order.domain.Order;
import dev.fanout.order.domain.OrderLine;
import dev.fanout.order.domain.OrderStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Places an order: the order, its idempotency key and its {@code OrderPlaced} event commit in one transaction, or
 * none of them do. A retried request with the same {@code Idempotency-Key} gets the first order back.
 */
@ApplicationScoped
public class OrderPlacement {

    private static final Logger LOG = Logger.getLogger(OrderPlacement.class);

    /** The outcome: the order, and whether it was created now or earlier by the same request. */
    public record Placed(Order order, boolean replayed) {
    }

    private final Transactions transactions;
    private final Outbox outbox;
    private final OrderSettings settings;

    public OrderPlacement(Transactions transactions, Outbox outbox, OrderSettings settings) {
        this.transactions = transactions;
        this.outbox = outbox;
        this.settings = settings;
    }

    public Uni<Placed> place(ValidatedOrder request, String idempotencyKey) {
        if (idempotencyKey == null) {
            return create(request, null, false);
        }
        String fingerprint = request.fingerprint();
        return stored(idempotencyKey)
                .chain(stored -> stored != null && valid(stored) ? replay(stored, fingerprint, idempotencyKey)
                        : create(request, idempotencyKey, stored != null)
                                // two requests with one key raced; the other one committed first
                                .onFailure(e -> PgErrors.isUniqueViolation(e, IdempotencyRecord.PRIMARY_KEY))
                                .recoverWithUni(() -> previous(idempotencyKey)
                                        .chain(winner -> winner == null ? Uni.createFrom().failure(retryLater())
                                                : replay(winner, fingerprint, idempotencyKey))));
    }

    /** {@code expiredKey}: the key is on record but expired; its record gives way to this request. */
    private Uni<Placed> create(ValidatedOrder request, String idempotencyKey, boolean expiredKey) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Order order = new Order();
        order.id = Ids.newId();
        order.customerId = request.customerId();
        order.status = OrderStatus.PENDING;
        order.currency = request.currency();
        order.total = request.total();
        order.placedAt = now;
        order.updatedAt = now;
        request.lines().forEach(l -> order.lines.add(new OrderLine(l.sku(), l.quantity(), l.unitPrice())));

        OrderPlaced event = new OrderPlaced(order.id, order.customerId, order.currency,
                request.lines().stream().map(l -> new OrderPlaced.Line(l.sku(), l.quantity(), l.unitPrice())).toList(),
                order.total, order.placedAt);

        return transactions.write(() -> (expiredKey ? forgetExpired(idempotencyKey) : Uni.createFrom().item(0L))
                .chain(() -> order.<Order>persist())
                .chain(() -> idempotencyKey == null ? Uni.createFrom().voidItem()
                        : new IdempotencyRecord(idempotencyKey, request.fingerprint(), order.id, now).persist()
                                .replaceWithVoid())
                .chain(() -> outbox.add(EventTypes.ORDER_PLACED, order.id, event, now))
                .replaceWith(order))
                .invoke(o -> LOG.debugf("order %s placed by %s", o.id, o.customerId))
                .map(o -> new Placed(o, false));
    }

    private Uni<Placed> replay(IdempotencyRecord previous, String fingerprint, String idempotencyKey) {
        if (!previous.requestHash.equals(fingerprint)) {
            return Uni.createFrom().failure(ProblemException.unprocessable("idempotency-key-reused",
                    "Idempotency-Key reused for a different request",
                    "Idempotency-Key '" + idempotencyKey + "' was first used for a different order (order "
                            + previous.orderId + "); use a new key for a new order"));
        }
        return Panache.withSession(() -> Order.<Order>findById(previous.orderId))
                .map(order -> new Placed(order, true));
    }

    /** The record of an earlier request with this key, unless it expired. */
    private Uni<IdempotencyRecord> previous(String idempotencyKey) {
        return stored(idempotencyKey).map(r -> r != null && valid(r) ? r : null);
    }

    /** The record of an earlier request with this key, expired or not. */
    private static Uni<IdempotencyRecord> stored(String idempotencyKey) {
        return Panache.withSession(() -> IdempotencyRecord.<IdempotencyRecord>findById(idempotencyKey));
    }

    private boolean valid(IdempotencyRecord record) {
        return record.createdAt.isAfter(Instant.now().minus(settings.idempotencyRetention()));
    }

    /**
     * An expired record of this key gives way to the new request (inside its transaction). Only when one was found:
     * most keys are new, and this statement on every POST was one in seven of intake's.
     */
    private Uni<Long> forgetExpired(String idempotencyKey) {
        return IdempotencyRecord.delete("key = ?1 and createdAt < ?2", idempotencyKey,
                Instant.now().minus(settings.idempotencyRetention()));
    }

    /** Keys older than the retention are deleted; the same key then places a new order. */
    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetExpiredKeys() {
        Instant oldestValid = Instant.now().minus(settings.idempotencyRetention());
        return Panache.withTransaction(() -> IdempotencyRecord.delete("createdAt < ?1", oldestValid))
                .invoke(n -> LOG.debugf("forgot %d expired idempotency keys", n)).replaceWithVoid();
    }

    private static ProblemException retryLater() {
        return new ProblemException(Problem.of(409, "idempotency-key-in-flight", "Request in progress",
                "another request with this Idempotency-Key is being processed; retry shortly"));
    }

}
