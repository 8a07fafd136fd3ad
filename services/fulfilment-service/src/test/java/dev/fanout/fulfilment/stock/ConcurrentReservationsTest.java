package dev.fanout.fulfilment.stock;

import static dev.fanout.fulfilment.support.Orders.line;
import static dev.fanout.fulfilment.support.Orders.newOrder;
import static dev.fanout.fulfilment.support.Orders.placed;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.fanout.events.order.OrderPlaced;
import dev.fanout.fulfilment.support.StockStore;
import dev.fanout.fulfilment.support.StockStore.Levels;
import dev.fanout.kit.outbox.Transactions;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The reservation rules under real concurrency: many transactions at once, each on its own Vert.x context and
 * database connection, as several consumer instances would run them. The Kafka consumer processes one record at a
 * time, so this is where the row locks are really put to the test. Every transaction must succeed at the first
 * try: a deadlock or a serialization failure would fail it here (the consumer would only retry it).
 */
@QuarkusTest
class ConcurrentReservationsTest {

    @Inject
    Vertx vertx;

    @Inject
    Transactions transactions;

    @Inject
    Reservations reservations;

    @Inject
    StockStore store;

    @AfterEach
    void stockAddsUp() {
        assertThat(store.unbalancedSkus()).isEmpty();
    }

    @Test
    void competingOrdersForAScarceSkuReserveExactlyWhatThereIs() {
        String scarce = store.newSku("RACE", 3);
        List<UUID> orders = IntStream.range(0, 12).mapToObj(i -> newOrder()).toList();

        runAtOnce(orders.stream().map(order -> (Supplier<Uni<Void>>) () -> reservations.orderPlaced(
                placed(order, line(scarce, 1)))).toList());

        List<String> statuses = orders.stream().map(store::status).toList();
        assertThat(statuses).filteredOn("RESERVED"::equals).hasSize(3);
        assertThat(statuses).filteredOn("REJECTED"::equals).hasSize(9);
        assertThat(store.levels(scarce)).isEqualTo(new Levels(0, 3, 0, 3));
    }

    @Test
    void ordersLockingOverlappingSkusInAnyOrderNeverDeadlock() {
        List<String> skus = List.of(store.newSku("LOCK", 1000), store.newSku("LOCK", 1000),
                store.newSku("LOCK", 1000), store.newSku("LOCK", 1000));
        List<UUID> orders = new ArrayList<>();
        List<Supplier<Uni<Void>>> work = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            UUID order = newOrder();
            orders.add(order);
            List<String> shuffled = new ArrayList<>(skus);
            Collections.shuffle(shuffled);
            OrderPlaced event = placed(order, shuffled.stream().map(sku -> line(sku,
                    1 + ThreadLocalRandom.current().nextInt(3))).toArray(OrderPlaced.Line[]::new));
            work.add(() -> reservations.orderPlaced(event));
        }

        runAtOnce(work);

        assertThat(orders).allSatisfy(order -> assertThat(store.status(order)).isEqualTo("RESERVED"));
        for (String sku : skus) {
            Levels levels = store.levels(sku);
            assertThat(levels.reserved()).isBetween(40, 120);
            assertThat(levels.available() + levels.reserved()).isEqualTo(1000);
        }
    }

    @Test
    void twoDecisionsForOneOrderAtOnceLeaveOneReservation() {
        String sku = store.newSku("TWICE", 10);
        UUID order = newOrder();
        OrderPlaced event = placed(order, line(sku, 2));

        List<Throwable> failures = runAtOnceCollecting(List.of(() -> reservations.orderPlaced(event),
                () -> reservations.orderPlaced(event)));

        // the loser either saw the winner's row, or collided with it and is told to retry (transient)
        assertThat(failures).allSatisfy(f -> assertThat(f)
                .isInstanceOf(dev.fanout.kit.consumer.TransientEventException.class));
        assertThat(store.reservations(order)).isEqualTo(1);
        assertThat(store.levels(sku)).isEqualTo(new Levels(8, 2, 0, 10));
        assertThat(store.outboxTypes(order)).hasSize(1);
    }

    /** Starts every unit of work at once, each in its own transaction on its own context; all must succeed. */
    private void runAtOnce(List<Supplier<Uni<Void>>> work) {
        assertThat(runAtOnceCollecting(work)).isEmpty();
    }

    private List<Throwable> runAtOnceCollecting(List<Supplier<Uni<Void>>> work) {
        List<CompletableFuture<Void>> done = work.stream().map(this::inTransaction).toList();
        List<Throwable> failures = new ArrayList<>();
        for (CompletableFuture<Void> future : done) {
            try {
                future.get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                failures.add(e.getCause());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return failures;
    }

    /** As the consumer runs a handler: in {@link Transactions#write}, on a fresh duplicated Vert.x context. */
    private CompletableFuture<Void> inTransaction(Supplier<Uni<Void>> work) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> transactions.write(work).subscribe().with(done::complete,
                done::completeExceptionally));
        return done;
    }
}
