package dev.fanout.fulfilment.shipping;

import static dev.fanout.fulfilment.stock.StockMoves.items;
import static dev.fanout.fulfilment.stock.StockMoves.lawful;
import static dev.fanout.fulfilment.stock.StockMoves.skus;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.fanout.events.EventTypes;
import dev.fanout.events.order.OrderConfirmed;
import dev.fanout.events.shipment.ShipmentDispatched;
import dev.fanout.fulfilment.FulfilmentMetrics;
import dev.fanout.fulfilment.FulfilmentMetrics.Movement;
import dev.fanout.fulfilment.stock.Allocation;
import dev.fanout.fulfilment.stock.Quantities;
import dev.fanout.fulfilment.stock.Reservation;
import dev.fanout.fulfilment.stock.ReservationStatus;
import dev.fanout.fulfilment.stock.StockLevel;
import dev.fanout.fulfilment.stock.StockMoves;
import dev.fanout.kit.outbox.Outbox;
import dev.fanout.kit.outbox.Transactions;
import io.smallrye.mutiny.Uni;

/**
 * Ships confirmed orders, inside the consumer's transaction: locks the reservation, then its SKU rows; reserved
 * units become shipped, the carrier books the parcel, ShipmentDispatched goes to the outbox. Once per order; an order
 * that holds no reservation cannot be dispatched (the event is dead-lettered with the reason).
 */
@ApplicationScoped
public class Dispatch {

    private static final Logger LOG = Logger.getLogger(Dispatch.class);

    private final Outbox outbox;
    private final Transactions transactions;
    private final FulfilmentMetrics metrics;
    private final SimulatedCarrier carrier;

    public Dispatch(Outbox outbox, Transactions transactions, FulfilmentMetrics metrics, SimulatedCarrier carrier) {
        this.outbox = outbox;
        this.transactions = transactions;
        this.metrics = metrics;
        this.carrier = carrier;
    }

    public Uni<Void> orderConfirmed(OrderConfirmed event) {
        UUID orderId = event.orderId();
        String doing = "cannot dispatch order " + orderId;
        return Reservation.locked(orderId).chain(reservation -> switch (lawful(doing,
                () -> Allocation.confirmed(Reservation.statusOf(reservation)))) {
            case NOTHING -> {
                LOG.debugf("order %s confirmed again: already dispatched", orderId);
                yield Uni.createFrom().voidItem();
            }
            case DISPATCH -> dispatch(reservation, doing);
        });
    }

    private Uni<Void> dispatch(Reservation reservation, String doing) {
        List<Allocation.Line> lines = reservation.demand();
        return StockLevel.lock(skus(lines)).chain(levels -> {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            long units = lawful(doing, () -> StockMoves.apply(levels, lines, Quantities::ship, now));
            reservation.moveTo(ReservationStatus.DISPATCHED, now);
            Shipment shipment = carrier.book(reservation.orderId, now);
            transactions.afterCommit(() -> {
                metrics.dispatched(shipment.carrier);
                metrics.units(Movement.SHIPPED, units);
                return Uni.createFrom().voidItem();
            });
            LOG.debugf("order %s dispatched: %s %s", reservation.orderId, shipment.carrier, shipment.trackingNumber);
            return shipment.persist().chain(() -> outbox.add(EventTypes.SHIPMENT_DISPATCHED, reservation.orderId,
                    new ShipmentDispatched(reservation.orderId, shipment.id, shipment.carrier, shipment.trackingNumber,
                            items(lines), now), now))
                    .replaceWithVoid();
        });
    }
}
