package dev.fanout.billing.payment;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import dev.fanout.billing.gateway.AuthorizationRequest;
import dev.fanout.billing.gateway.AuthorizationResult;
import dev.fanout.billing.gateway.AuthorizationResult.Approved;
import dev.fanout.billing.gateway.AuthorizationResult.Declined;
import dev.fanout.billing.gateway.GatewayRequestRefusedException;
import dev.fanout.billing.gateway.GatewayTimeoutException;
import dev.fanout.billing.gateway.PaymentGateway;
import dev.fanout.billing.payment.PaymentRules.Charge;
import dev.fanout.events.EventTypes;
import dev.fanout.events.order.OrderPlaced;
import dev.fanout.events.order.OrderRejected;
import dev.fanout.events.payment.PaymentAuthorized;
import dev.fanout.events.payment.PaymentDeclined;
import dev.fanout.events.payment.PaymentVoided;
import dev.fanout.kit.consumer.PermanentEventException;
import dev.fanout.kit.consumer.TransientEventException;
import dev.fanout.kit.outbox.Outbox;
import dev.fanout.kit.outbox.Transactions;
import dev.fanout.kit.persistence.PgErrors;
import io.smallrye.mutiny.Uni;

/**
 * Applies orders.v1 to payments, inside the consumer's transaction (the inbox row, the payment row and the outbox
 * event commit together): locks the order's payment row, asks {@link PaymentRules} what follows, calls the
 * {@link PaymentGateway} when money moves, records the answer and publishes it through the outbox.
 *
 * <p>Never twice: the inbox drops a redelivered event; the payment's primary key is the order id, so a second
 * OrderPlaced (a new event id) finds the payment and does nothing; and the gateway is idempotent on the order id,
 * so a crash between its answer and this commit gets the same authorization back on the retry.
 */
@ApplicationScoped
public class PaymentService {

    private static final Logger LOG = Logger.getLogger(PaymentService.class);
    static final String CANCELLED_MESSAGE = "the order was rejected before its payment was taken";

    private final PaymentGateway gateway;
    private final Outbox outbox;
    private final Transactions transactions;
    private final BillingMetrics metrics;

    public PaymentService(PaymentGateway gateway, Outbox outbox, Transactions transactions, BillingMetrics metrics) {
        this.gateway = gateway;
        this.outbox = outbox;
        this.transactions = transactions;
        this.metrics = metrics;
    }

    /** OrderPlaced: authorize the order's total, or decline it, once. */
    public Uni<Void> orderPlaced(OrderPlaced event) {
        return Uni.createFrom().deferred(() -> {
            UUID orderId = event.orderId();
            Charge asked = new Charge(event.customerId(), event.currency(), event.total());
            lawfully(() -> PaymentRules.validate(asked));
            return locked(orderId).chain(payment -> {
                PaymentRules.OnPlaced decision = lawful(() -> PaymentRules.placed(statusOf(payment),
                        payment == null ? null : payment.charge(), asked));
                return switch (decision) {
                    case AUTHORIZE -> authorize(orderId, asked);
                    case DECLINE_CANCELLED -> declineCancelled(payment, asked);
                    case ALREADY_ANSWERED -> {
                        LOG.infof("order %s placed again: its payment is already %s, nothing to do", orderId,
                                payment.status);
                        yield Uni.createFrom().voidItem();
                    }
                };
            });
        });
    }

    /** OrderRejected: void an authorization billing holds; remember a rejection that came before the order. */
    public Uni<Void> orderRejected(OrderRejected event) {
        return Uni.createFrom().deferred(() -> {
            UUID orderId = event.orderId();
            return locked(orderId).chain(payment -> switch (PaymentRules.rejected(statusOf(payment))) {
                case VOID -> voidAuthorization(payment);
                case TOMBSTONE -> tombstone(event);
                case NOTHING -> {
                    LOG.infof("order %s rejected: its payment is %s, nothing to void", orderId, payment.status);
                    yield Uni.createFrom().voidItem();
                }
            });
        });
    }

    private Uni<Void> authorize(UUID orderId, Charge charge) {
        AuthorizationRequest request = new AuthorizationRequest(orderId.toString(), charge.customerId(),
                charge.amount(), charge.currency());
        return timed("authorize", () -> gateway.authorize(request),
                result -> result instanceof Approved ? "approved" : "declined")
                .chain(result -> {
                    Instant now = now();
                    if (result instanceof Approved approved) {
                        Payment payment = Payment.authorized(orderId, charge, approved.authorizationId(), now);
                        return insert(payment)
                                .chain(() -> outbox.add(EventTypes.PAYMENT_AUTHORIZED, orderId,
                                        new PaymentAuthorized(orderId, approved.authorizationId(),
                                                charge.customerId(), charge.currency(), charge.amount(), now),
                                        now))
                                .invoke(() -> {
                                    LOG.infof("order %s: authorized %s (%s)", orderId, charge,
                                            approved.authorizationId());
                                    countAfterCommit(() -> metrics.authorization(true, null));
                                })
                                .replaceWithVoid();
                    }
                    Declined declined = (Declined) result;
                    return insert(Payment.declined(orderId, charge, declined.code(), declined.message(), now))
                            .chain(payment -> emitDeclined(payment, now));
                });
    }

    private Uni<Void> declineCancelled(Payment tombstone, Charge charge) {
        Instant now = now();
        tombstone.declineAsCancelled(charge, CANCELLED_MESSAGE, now);
        return emitDeclined(tombstone, now);
    }

    private Uni<Void> emitDeclined(Payment payment, Instant now) {
        return outbox.add(EventTypes.PAYMENT_DECLINED, payment.orderId, new PaymentDeclined(payment.orderId,
                payment.customerId, payment.currency, payment.amount, payment.declineReason, payment.declineMessage,
                now), now)
                .invoke(() -> {
                    LOG.infof("order %s: declined %s: %s", payment.orderId, payment.charge(), payment.declineReason);
                    countAfterCommit(() -> metrics.authorization(false, payment.declineReason));
                })
                .replaceWithVoid();
    }

    private Uni<Void> voidAuthorization(Payment payment) {
        return timed("void", () -> gateway.voidAuthorization(payment.authorizationId), ignored -> "voided")
                .chain(() -> {
                    Instant now = now();
                    payment.markVoided(now);
                    return outbox.add(EventTypes.PAYMENT_VOIDED, payment.orderId, new PaymentVoided(payment.orderId,
                            payment.authorizationId, payment.currency, payment.amount, now), now);
                })
                .invoke(() -> {
                    LOG.infof("order %s rejected: voided %s", payment.orderId, payment.authorizationId);
                    countAfterCommit(metrics::voided);
                })
                .replaceWithVoid();
    }

    private Uni<Void> tombstone(OrderRejected event) {
        // what the order was worth is only informational here; keep it when it is a charge billing could take
        Charge known = null;
        if (event.currency() != null && event.total() != null) {
            Charge charge = new Charge(event.customerId(), event.currency(), event.total());
            try {
                PaymentRules.validate(charge);
                known = charge;
            } catch (PaymentRules.Violation ignored) {
                // leave it unknown
            }
        }
        Payment tombstone = Payment.cancelled(event.orderId(), event.customerId(),
                known == null ? null : known.currency(), known == null ? null : known.amount(), now());
        return insert(tombstone).invoke(() -> LOG.infof("order %s rejected before billing saw it placed: "
                + "remembered, it will never be charged", event.orderId())).replaceWithVoid();
    }

    /** The order's payment, row-locked for this transaction, or null. */
    private static Uni<Payment> locked(UUID orderId) {
        return Payment.findById(orderId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Inserts now (not at commit), so that the row exists before its event does, and so that a concurrent insert
     * for the same order (two instances during a rebalance) is a retry that then finds this payment, not a dead
     * letter.
     */
    private static Uni<Payment> insert(Payment payment) {
        return payment.<Payment>persistAndFlush()
                .onFailure(e -> PgErrors.isUniqueViolation(e, Payment.PRIMARY_KEY))
                .transform(e -> new TransientEventException("order " + payment.orderId
                        + " got a payment concurrently; retrying to find it", e));
    }

    private <T> Uni<T> timed(String operation, Supplier<Uni<T>> call, Function<T, String> outcome) {
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            return call.get().onItemOrFailure().invoke((item, failure) -> metrics.gatewayCall(operation,
                    failure == null ? outcome.apply(item) : failureOutcome(failure),
                    Duration.ofNanos(System.nanoTime() - start)));
        });
    }

    private static String failureOutcome(Throwable failure) {
        if (failure instanceof GatewayTimeoutException) {
            return "timeout";
        }
        return failure instanceof GatewayRequestRefusedException ? "refused" : "error";
    }

    private void countAfterCommit(Runnable count) {
        transactions.afterCommit(() -> {
            count.run();
            return Uni.createFrom().voidItem();
        });
    }

    private static PaymentStatus statusOf(Payment payment) {
        return payment == null ? null : payment.status;
    }

    private static <T> T lawful(Supplier<T> step) {
        try {
            return step.get();
        } catch (PaymentRules.Violation e) {
            throw new PermanentEventException(e.getMessage(), e);
        }
    }

    private static void lawfully(Runnable step) {
        lawful(() -> {
            step.run();
            return null;
        });
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
