package dev.fanout.order.saga;

import static dev.fanout.order.domain.OrderStatus.CONFIRMED;
import static dev.fanout.order.domain.OrderStatus.PENDING;
import static dev.fanout.order.domain.OrderStatus.REJECTED;
import static dev.fanout.order.domain.OrderStatus.SHIPPED;
import static dev.fanout.order.saga.OrderLifecycle.Step.FAILED;
import static dev.fanout.order.saga.OrderLifecycle.Step.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.fanout.order.saga.OrderLifecycle.Emit;
import dev.fanout.order.saga.OrderLifecycle.State;
import dev.fanout.order.saga.OrderLifecycle.Step;
import dev.fanout.order.saga.OrderLifecycle.Transition;

class OrderLifecycleTest {

    private static final State NEW = new State(PENDING, Step.PENDING, Step.PENDING);

    @Test
    void bothSuccessesConfirmInEitherOrder() {
        Transition paidFirst = OrderLifecycle.stock(OrderLifecycle.payment(NEW, true).next(), true);
        Transition stockFirst = OrderLifecycle.payment(OrderLifecycle.stock(NEW, true).next(), true);

        assertThat(paidFirst).isEqualTo(new Transition(new State(CONFIRMED, SUCCEEDED, SUCCEEDED), Emit.CONFIRMED));
        assertThat(stockFirst).isEqualTo(paidFirst);
    }

    @Test
    void oneSuccessWaitsForTheOther() {
        assertThat(OrderLifecycle.payment(NEW, true))
                .isEqualTo(new Transition(new State(PENDING, SUCCEEDED, Step.PENDING), Emit.NOTHING));
    }

    @Test
    void theFirstFailureRejectsAtOnce() {
        assertThat(OrderLifecycle.stock(NEW, false))
                .isEqualTo(new Transition(new State(REJECTED, Step.PENDING, FAILED), Emit.REJECTED));
        assertThat(OrderLifecycle.payment(OrderLifecycle.stock(NEW, true).next(), false))
                .isEqualTo(new Transition(new State(REJECTED, FAILED, SUCCEEDED), Emit.REJECTED));
    }

    @Test
    void answersAfterARejectionAreRecordedNotActedOn() {
        State rejected = OrderLifecycle.stock(NEW, false).next();

        assertThat(OrderLifecycle.payment(rejected, true))
                .isEqualTo(new Transition(new State(REJECTED, SUCCEEDED, FAILED), Emit.NOTHING));
        assertThat(OrderLifecycle.payment(rejected, false))
                .isEqualTo(new Transition(new State(REJECTED, FAILED, FAILED), Emit.NOTHING));
    }

    @Test
    void aRepeatedAnswerChangesNothing() {
        State paid = OrderLifecycle.payment(NEW, true).next();

        assertThat(OrderLifecycle.payment(paid, true)).isEqualTo(new Transition(paid, Emit.NOTHING));
    }

    @Test
    void aContradictingAnswerIsAViolation() {
        State paid = OrderLifecycle.payment(NEW, true).next();

        assertThatThrownBy(() -> OrderLifecycle.payment(paid, false)).isInstanceOf(OrderLifecycle.Violation.class)
                .hasMessage("payment already SUCCEEDED, now FAILED");
    }

    @Test
    void onlyAConfirmedOrderShips() {
        State confirmed = new State(CONFIRMED, SUCCEEDED, SUCCEEDED);

        assertThat(OrderLifecycle.shipped(confirmed).status()).isEqualTo(SHIPPED);
        assertThat(OrderLifecycle.shipped(OrderLifecycle.shipped(confirmed)).status()).isEqualTo(SHIPPED);
        assertThatThrownBy(() -> OrderLifecycle.shipped(NEW)).isInstanceOf(OrderLifecycle.Violation.class);
        assertThatThrownBy(() -> OrderLifecycle.shipped(new State(REJECTED, FAILED, SUCCEEDED)))
                .isInstanceOf(OrderLifecycle.Violation.class);
    }
}
