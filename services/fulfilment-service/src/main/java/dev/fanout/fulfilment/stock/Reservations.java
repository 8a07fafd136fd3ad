package dev.fanout.fulfilment.stock;

import static dev.fanout.fulfilment.stock.StockMoves.items;
import static dev.fanout.fulfilment.stock.StockMoves.lawful;
import static dev.fanout.fulfilment.stock.StockMoves.skus;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.fanout.events.EventTypes;
import dev.fanout.events.inventory.StockRejected;
import dev.fanout.events.inventory.StockReleased;
import dev.fanout.events.inventory.StockReserved;
import dev.fanout.events.order.OrderPlaced;
import dev.fanout.events.order.OrderRejected;
import dev.fanout.fulfilment.FulfilmentMetrics;
import dev.fanout.fulfilment.FulfilmentMetrics.Movement;
import dev.fanout.fulfilment.stock.Allocation.Decision;
import dev.fanout.fulfilment.stock.Allocation.Reject;
import dev.fanout.fulfilment.stock.Allocation.Reserve;
import dev.fanout.kit.consumer.TransientEventException;
import dev.fanout.kit.outbox.Outbox;
import dev.fanout.kit.outbox.Transactions;
import dev.fanout.kit.persistence.PgErrors;
import io.smallrye.mutiny.Uni;

/**
 * Applies placed and rejected orders to stock, inside the consumer's transaction: locks the order's reservation row,
 * then the SKU rows (by SKU), asks {@link Allocation} what follows, moves the units, and adds StockReserved,
 * StockRejected or StockReleased to the outbox. One decision per order, whatever is redelivered.
 */
@ApplicationScoped
public class Reservations {

    private static final Logger LOG = Logger.getLogger(Reservations.class);

    private final Outbox outbox;
    private final Transactions transactions;
    private final FulfilmentMetrics metrics;

    public Reservations(Outbox outbox, Transactions transactions, FulfilmentMetrics metrics) {
        this.outbox = outbox;
        this.transactions = transactions;
        this.metrics = metrics;
    }

    /** OrderPlaced: reserve every line or none, once per order. */
    public Uni<Void> orderPlaced(OrderPlaced event) {
        UUID orderId = event.orderId();
        List<Allocation.Line> demand = lawful("cannot reserve stock for order " + orderId,
                () -> Allocation.demand(event.lines().stream()
                        .map(l -> new Allocation.Line(l.sku(), l.quantity())).toList()));
        return Reservation.locked(orderId).chain(existing -> {
            boolean answered = existing != null && existing.rejectionCode != null;
            return switch (Allocation.placed(Reservation.statusOf(existing), answered)) {
                case ALLOCATE -> allocate(orderId, demand);
                case REFUSE_CANCELLED -> refuseCancelled(existing, demand);
                case ALREADY_ANSWERED -> {
                    LOG.infof("order %s placed again: already answered (%s), nothing to do", orderId,
                            existing.status);
                    yield Uni.createFrom().voidItem();
                }
            };
        });
    }

    /** OrderRejected: give a held reservation back, once; remember an order rejected before it was seen placed. */
    public Uni<Void> orderRejected(OrderRejected event) {
        UUID orderId = event.orderId();
        return Reservation.locked(orderId).chain(existing -> switch (lawful("cannot release order " + orderId,
                () -> Allocation.rejected(Reservation.statusOf(existing)))) {
            case RELEASE -> release(existing);
            case TOMBSTONE -> tombstone(orderId);
            case NOTHING -> {
                LOG.debugf("order %s rejected: nothing held (%s)", orderId, existing.status);
                yield Uni.createFrom().voidItem();
            }
        });
    }

    private Uni<Void> allocate(UUID orderId, List<Allocation.Line> demand) {
        return StockLevel.lock(skus(demand)).chain(levels -> {
            Map<String, Integer> available = new HashMap<>();
            levels.forEach((sku, level) -> available.put(sku, level.available));
            Decision decision = Allocation.decide(demand, available);
            Instant now = now();
            if (decision instanceof Reserve reserve) {
                long units = lawful("cannot reserve stock for order " + orderId,
                        () -> StockMoves.apply(levels, reserve.lines(), Quantities::reserve, now));
                Reservation reservation = Reservation.create(orderId, ReservationStatus.RESERVED, demand, now);
                afterCommit(() -> {
                    metrics.reservation("reserved");
                    metrics.units(Movement.RESERVED, units);
                });
                LOG.debugf("order %s: %d units reserved", orderId, units);
                return insert(reservation).chain(() -> outbox.add(EventTypes.STOCK_RESERVED, orderId,
                        new StockReserved(orderId, items(demand), now), now)).replaceWithVoid();
            }
            Reject reject = (Reject) decision;
            Reservation reservation = Reservation.create(orderId, ReservationStatus.REJECTED, demand, now);
            reservation.rejectionCode = reject.reason();
            reservation.rejectionMessage = reject.message();
            afterCommit(() -> metrics.reservation(reject.reason()));
            LOG.infof("order %s: stock refused, %s: %s", orderId, reject.reason(), reject.message());
            return insert(reservation).chain(() -> outbox.add(EventTypes.STOCK_REJECTED, orderId,
                    new StockRejected(orderId, reject.reason(), reject.message(), reject.shortages().stream()
                            .map(s -> new StockRejected.Shortage(s.sku(), s.requested(), s.available())).toList(),
                            now), now))
                    .replaceWithVoid();
        });
    }

    /** The late OrderPlaced of an order already rejected: refuse it, reserve nothing. */
    private Uni<Void> refuseCancelled(Reservation tombstone, List<Allocation.Line> demand) {
        Instant now = now();
        String message = Allocation.cancelledMessage(tombstone.orderId);
        tombstone.setLines(demand);
        tombstone.rejectionCode = Allocation.ORDER_CANCELLED;
        tombstone.rejectionMessage = message;
        tombstone.moveTo(ReservationStatus.CANCELLED, now);
        afterCommit(() -> metrics.reservation(Allocation.ORDER_CANCELLED));
        LOG.infof("order %s placed after it was rejected: stock refused (%s)", tombstone.orderId,
                Allocation.ORDER_CANCELLED);
        return outbox.add(EventTypes.STOCK_REJECTED, tombstone.orderId, new StockRejected(tombstone.orderId,
                Allocation.ORDER_CANCELLED, message, List.of(), now), now).replaceWithVoid();
    }

    private Uni<Void> release(Reservation reservation) {
        List<Allocation.Line> lines = reservation.demand();
        return StockLevel.lock(skus(lines)).chain(levels -> {
            Instant now = now();
            long units = lawful("cannot release order " + reservation.orderId,
                    () -> StockMoves.apply(levels, lines, Quantities::release, now));
            reservation.moveTo(ReservationStatus.RELEASED, now);
            afterCommit(() -> {
                metrics.released();
                metrics.units(Movement.RELEASED, units);
            });
            LOG.infof("order %s rejected: %d units released", reservation.orderId, units);
            return outbox.add(EventTypes.STOCK_RELEASED, reservation.orderId,
                    new StockReleased(reservation.orderId, items(lines), now), now).replaceWithVoid();
        });
    }

    private Uni<Void> tombstone(UUID orderId) {
        Reservation tombstone = Reservation.create(orderId, ReservationStatus.CANCELLED, List.of(), now());
        afterCommit(metrics::tombstone);
        LOG.infof("order %s rejected before it was seen placed: tombstone recorded", orderId);
        return insert(tombstone).replaceWithVoid();
    }

    /**
     * Inserts a new reservation now (not at commit), so that a concurrent decision for the same order (two event ids
     * for one order during a rebalance) surfaces here: it is retried, and the retry finds the winner's row.
     */
    private static Uni<Reservation> insert(Reservation reservation) {
        return reservation.<Reservation>persistAndFlush()
                .onFailure(e -> PgErrors.isUniqueViolation(e, Reservation.PRIMARY_KEY))
                .transform(e -> new TransientEventException("order " + reservation.orderId
                        + " was being decided concurrently; retrying", e));
    }

    private void afterCommit(Runnable count) {
        transactions.afterCommit(() -> {
            count.run();
            return Uni.createFrom().voidItem();
        });
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
