package dev.fanout.order.saga;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import dev.fanout.events.EventTypes;
import dev.fanout.events.inventory.StockRejected;
import dev.fanout.events.order.OrderConfirmed;
import dev.fanout.events.order.OrderRejected;
import dev.fanout.events.payment.PaymentAuthorized;
import dev.fanout.events.payment.PaymentDeclined;
import dev.fanout.events.shipment.ShipmentDispatched;
import dev.fanout.kit.consumer.PermanentEventException;
import dev.fanout.kit.outbox.Outbox;
import dev.fanout.kit.outbox.Transactions;
import dev.fanout.order.api.OrderView;
import dev.fanout.order.domain.Order;
import dev.fanout.order.read.OrderReads;
import dev.fanout.order.saga.OrderLifecycle.Transition;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;

/**
 * Applies billing's and fulfilment's answers to an order (inside the consumer's transaction): locks the order row,
 * asks {@link OrderLifecycle} what follows, publishes OrderConfirmed or OrderRejected through the outbox, and writes
 * the new state through to Redis once committed.
 */
@ApplicationScoped
public class OrderSaga {

    private static final Logger LOG = Logger.getLogger(OrderSaga.class);

    private final Outbox outbox;
    private final Transactions transactions;
    private final OrderReads reads;
    private final MeterRegistry registry;

    public OrderSaga(Outbox outbox, Transactions transactions, OrderReads reads, MeterRegistry registry) {
        this.outbox = outbox;
        this.transactions = transactions;
        this.reads = reads;
        this.registry = registry;
    }

    public Uni<Void> paymentAuthorized(PaymentAuthorized event) {
        return answer(event.orderId(), order -> {
            order.authorizationId = event.authorizationId();
            return OrderLifecycle.payment(order.lifecycle(), true);
        }, null);
    }

    public Uni<Void> paymentDeclined(PaymentDeclined event) {
        return answer(event.orderId(), order -> OrderLifecycle.payment(order.lifecycle(), false),
                new OrderRejected.Reason(OrderRejected.Reason.PAYMENT, event.reason(), event.message()));
    }

    public Uni<Void> stockReserved(UUID orderId) {
        return answer(orderId, order -> OrderLifecycle.stock(order.lifecycle(), true), null);
    }

    public Uni<Void> stockRejected(StockRejected event) {
        return answer(event.orderId(), order -> OrderLifecycle.stock(order.lifecycle(), false),
                new OrderRejected.Reason(OrderRejected.Reason.STOCK, event.reason(), event.message()));
    }

    public Uni<Void> shipmentDispatched(ShipmentDispatched event) {
        return locked(event.orderId()).invoke(order -> {
            OrderLifecycle.State next = lawful(() -> OrderLifecycle.shipped(order.lifecycle()));
            if (order.shipmentId == null) {
                order.shipmentId = event.shipmentId();
                order.carrier = event.carrier();
                order.trackingNumber = event.trackingNumber();
                order.shippedAt = event.dispatchedAt();
            }
            boolean firstTime = order.status != next.status();
            order.moveTo(next, now());
            writeThroughAfterCommit(order);
            if (firstTime && order.confirmedAt != null) {
                journeyAfterCommit("shipped", Duration.between(order.confirmedAt, order.shippedAt));
            }
        }).replaceWithVoid();
    }

    private Uni<Void> answer(UUID orderId, Function<Order, Transition> apply, OrderRejected.Reason failure) {
        return locked(orderId).chain(order -> {
            Transition transition = lawful(() -> apply.apply(order));
            Instant now = now();
            order.moveTo(transition.next(), now);
            writeThroughAfterCommit(order);
            return switch (transition.emit()) {
                case NOTHING -> Uni.createFrom().voidItem();
                case CONFIRMED -> {
                    order.confirmedAt = now;
                    LOG.infof("order %s confirmed", order.id);
                    journeyAfterCommit("confirmed", Duration.between(order.placedAt, now));
                    yield outbox.add(EventTypes.ORDER_CONFIRMED, order.id, new OrderConfirmed(order.id,
                            order.customerId, order.currency, order.total, order.placedAt, now), now).replaceWithVoid();
                }
                case REJECTED -> {
                    order.rejectedAt = now;
                    order.rejectionStage = failure.stage();
                    order.rejectionCode = failure.code();
                    order.rejectionMessage = failure.message();
                    journeyAfterCommit("rejected", Duration.between(order.placedAt, now));
                    LOG.infof("order %s rejected: %s %s", order.id, failure.stage(), failure.code());
                    yield outbox.add(EventTypes.ORDER_REJECTED, order.id, new OrderRejected(order.id,
                            order.customerId, order.currency, order.total, failure, order.placedAt, now), now)
                            .replaceWithVoid();
                }
            };
        });
    }

    /**
     * The order, row-locked for this transaction: answers for one order are applied one at a time. (A query, not
     * {@code findById(id, lock)}: with its eagerly loaded lines that reads the row unlocked and locks it after.)
     */
    private static Uni<Order> locked(UUID orderId) {
        return Order.<Order>find("id = ?1", orderId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                .onItem().ifNull()
                .failWith(() -> new PermanentEventException("no order " + orderId));
    }

    /**
     * The journey as order-service sees it: placed to confirmed (or rejected), confirmed to shipped. Recorded after
     * the commit, once per order (a redelivered answer never reaches here).
     */
    private void journeyAfterCommit(String stage, Duration took) {
        transactions.afterCommit(() -> {
            Timer.builder("fanout.order.journey").tag("stage", stage)
                    .description("placed -> confirmed or rejected, and confirmed -> shipped")
                    .publishPercentileHistogram().maximumExpectedValue(Duration.ofMinutes(10))
                    .register(registry).record(took.isNegative() ? Duration.ZERO : took);
            return Uni.createFrom().voidItem();
        });
    }

    private void writeThroughAfterCommit(Order order) {
        transactions.afterCommit(() -> reads.remember(OrderView.of(order)));
    }

    private static <T> T lawful(java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (OrderLifecycle.Violation e) {
            throw new PermanentEventException(e.getMessage(), e);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
