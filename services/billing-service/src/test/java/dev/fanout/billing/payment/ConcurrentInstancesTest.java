package dev.fanout.billing.payment;

import static dev.fanout.billing.support.Orders.customer;
import static dev.fanout.billing.support.Orders.placed;
import static dev.fanout.billing.support.Orders.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.fanout.billing.support.BillingStore;
import dev.fanout.events.order.OrderPlaced;
import dev.fanout.kit.consumer.TransientEventException;
import dev.fanout.kit.outbox.Transactions;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Two instances applying events of one order at the same moment (a rebalance hands a partition over while the old
 * owner is still working; a replay under way beside the live consumer): whatever interleaving the database picks,
 * the order is charged and announced once. The loser of a race fails transiently, and its retry finds the winner's
 * payment.
 */
@QuarkusTest
class ConcurrentInstancesTest {

    private static final int INSTANCES = 4;

    @Inject
    PaymentService payments;

    @Inject
    Transactions transactions;

    @Inject
    BillingStore store;

    private final ExecutorService instances = Executors.newFixedThreadPool(INSTANCES);

    @AfterEach
    void stop() {
        instances.shutdownNow();
    }

    @Test
    void concurrentOrderPlacedChargesAndAnnouncesOnce() throws Exception {
        OrderPlaced order = placed(customer(), "19.99");

        runConcurrently(() -> payments.orderPlaced(order));

        assertThat(store.payment(order.orderId()).status()).isEqualTo("AUTHORIZED");
        assertThat(store.gatewayCharges(order.orderId())).isEqualTo(1);
        assertThat(store.outboxEvents(order.orderId(), "fanout.payment.authorized.v1")).isEqualTo(1);
    }

    @Test
    void concurrentOrderRejectedVoidsOnce() throws Exception {
        OrderPlaced order = placed(customer(), "19.99");
        inTransaction(transactions, () -> payments.orderPlaced(order));

        runConcurrently(() -> payments.orderRejected(rejected(order)));

        assertThat(store.payment(order.orderId()).status()).isEqualTo("VOIDED");
        assertThat(store.outboxEvents(order.orderId(), "fanout.payment.voided.v1")).isEqualTo(1);
    }

    @Test
    void concurrentRejectionsBeforeTheOrderLeaveOneTombstone() throws Exception {
        OrderPlaced order = placed(customer(), "19.99");

        runConcurrently(() -> payments.orderRejected(rejected(order)));

        assertThat(store.payment(order.orderId()).status()).isEqualTo("CANCELLED");
    }

    /** Each instance applies the event in its own transaction; a transient failure is retried, as the pipeline does. */
    private void runConcurrently(Supplier<Uni<Void>> work) throws Exception {
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            results.add(instances.submit((Callable<Integer>) () -> {
                for (int attempt = 1;; attempt++) {
                    try {
                        inTransaction(transactions, work);
                        return attempt;
                    } catch (TransientEventException e) {
                        assertThat(attempt).as("a lost race is won on the retry").isLessThan(3);
                    }
                }
            }));
        }
        for (Future<Integer> result : results) {
            try {
                assertThat(result.get()).isBetween(1, 2);
            } catch (ExecutionException e) {
                throw new AssertionError("an instance failed for good", e.getCause());
            }
        }
    }

    private static void inTransaction(Transactions transactions, Supplier<Uni<Void>> work) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> transactions.write(work));
        } catch (Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof TransientEventException transientFailure) {
                    throw transientFailure;
                }
            }
            throw new IllegalStateException(e);
        }
    }
}
