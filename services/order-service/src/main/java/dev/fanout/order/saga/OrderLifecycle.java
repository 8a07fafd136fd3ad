package dev.fanout.order.saga;

import dev.fanout.order.domain.OrderStatus;

/**
 * The order saga's rules, as a pure function of what is known: PENDING until both billing and fulfilment answered;
 * the first failure rejects the order at once (whatever order the answers arrive in); both successes confirm it;
 * a confirmed order ships. Answers after a rejection are recorded, not acted on.
 */
public final class OrderLifecycle {

    /** What one participant (billing or fulfilment) answered. */
    public enum Step {
        PENDING, SUCCEEDED, FAILED
    }

    public record State(OrderStatus status, Step payment, Step stock) {
    }

    /** The event the order publishes because of a transition, if any. */
    public enum Emit {
        NOTHING, CONFIRMED, REJECTED
    }

    public record Transition(State next, Emit emit) {
    }

    /** An answer that contradicts what the order already knows: a bug upstream, never something to retry. */
    public static final class Violation extends RuntimeException {
        Violation(String message) {
            super(message);
        }
    }

    private OrderLifecycle() {
    }

    public static Transition payment(State state, boolean authorized) {
        return answer(state, true, authorized);
    }

    public static Transition stock(State state, boolean reserved) {
        return answer(state, false, reserved);
    }

    public static State shipped(State state) {
        return switch (state.status()) {
            case CONFIRMED -> new State(OrderStatus.SHIPPED, state.payment(), state.stock());
            case SHIPPED -> state;
            default -> throw new Violation("a " + state.status() + " order cannot ship");
        };
    }

    private static Transition answer(State state, boolean payment, boolean ok) {
        Step result = ok ? Step.SUCCEEDED : Step.FAILED;
        Step known = payment ? state.payment() : state.stock();
        String step = payment ? "payment" : "stock";
        if (known != Step.PENDING) {
            if (known == result) {
                return new Transition(state, Emit.NOTHING);
            }
            throw new Violation(step + " already " + known + ", now " + result);
        }
        Step paymentNow = payment ? result : state.payment();
        Step stockNow = payment ? state.stock() : result;
        return switch (state.status()) {
            case PENDING -> {
                if (!ok) {
                    yield new Transition(new State(OrderStatus.REJECTED, paymentNow, stockNow), Emit.REJECTED);
                }
                if (paymentNow == Step.SUCCEEDED && stockNow == Step.SUCCEEDED) {
                    yield new Transition(new State(OrderStatus.CONFIRMED, paymentNow, stockNow), Emit.CONFIRMED);
                }
                yield new Transition(new State(OrderStatus.PENDING, paymentNow, stockNow), Emit.NOTHING);
            }
            case REJECTED -> new Transition(new State(OrderStatus.REJECTED, paymentNow, stockNow), Emit.NOTHING);
            default -> throw new Violation(step + " answer for a " + state.status() + " order");
        };
    }
}
