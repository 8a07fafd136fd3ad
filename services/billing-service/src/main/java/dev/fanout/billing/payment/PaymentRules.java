package dev.fanout.billing.payment;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * Billing's rules, as pure functions of what billing already knows about an order (its payment's status, or none):
 * <ul>
 * <li>OrderPlaced, no payment yet: authorize at the gateway. A tombstone (the order was rejected first): decline
 * {@code ORDER_CANCELLED} without asking the gateway. Any other payment: already answered, nothing more (never a
 * second charge), unless the event contradicts what was charged, which is a violation.</li>
 * <li>OrderRejected: an authorized payment is voided; no payment yet leaves a tombstone; a declined, voided or
 * cancelled one needs nothing (never void what was never authorized).</li>
 * <li>Status changes: none to AUTHORIZED, DECLINED or CANCELLED; CANCELLED to DECLINED; AUTHORIZED to VOIDED.
 * Nothing else.</li>
 * </ul>
 */
public final class PaymentRules {

    /** The reason a tombstoned order's OrderPlaced is declined with. */
    public static final String ORDER_CANCELLED = "ORDER_CANCELLED";
    /** Largest amount billing stores and sends: 15 integer digits, like any ledger column would allow. */
    static final int MAX_INTEGER_DIGITS = 15;

    /** What an order asks to be charged. */
    public record Charge(String customerId, String currency, BigDecimal amount) {

        public Charge {
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(currency, "currency");
            Objects.requireNonNull(amount, "amount");
        }

        /** Same customer, currency and amount (33.99 equals 33.990). */
        public boolean sameAs(Charge other) {
            return customerId.equals(other.customerId) && currency.equals(other.currency)
                    && amount.compareTo(other.amount) == 0;
        }

        @Override
        public String toString() {
            return currency + " " + amount.toPlainString() + " for " + customerId;
        }
    }

    /** What to do about an OrderPlaced. */
    public enum OnPlaced {
        AUTHORIZE, DECLINE_CANCELLED, ALREADY_ANSWERED
    }

    /** What to do about an OrderRejected. */
    public enum OnRejected {
        VOID, TOMBSTONE, NOTHING
    }

    /** The event asks for something billing cannot do, or contradicts what it knows: never worth a retry. */
    public static final class Violation extends RuntimeException {
        Violation(String message) {
            super(message);
        }
    }

    private PaymentRules() {
    }

    /** Throws {@link Violation} unless billing can take this charge: an ISO 4217 currency, an amount it can hold. */
    public static void validate(Charge charge) {
        Currency currency;
        try {
            currency = Currency.getInstance(charge.currency());
        } catch (IllegalArgumentException e) {
            throw new Violation("'" + charge.currency() + "' is not an ISO 4217 currency code");
        }
        if (charge.customerId().isBlank()) {
            throw new Violation("no customer to charge");
        }
        BigDecimal amount = charge.amount();
        if (amount.signum() < 0) {
            throw new Violation("amount " + amount.toPlainString() + " is negative");
        }
        int minorUnits = Math.max(0, currency.getDefaultFractionDigits());
        if (amount.stripTrailingZeros().scale() > minorUnits) {
            throw new Violation("amount " + amount.toPlainString() + " has more decimals than " + charge.currency()
                    + " allows (" + minorUnits + ")");
        }
        if (amount.precision() - amount.scale() > MAX_INTEGER_DIGITS) {
            throw new Violation("amount " + amount.toPlainString() + " is too large");
        }
    }

    /**
     * @param current the order's payment status, null when billing holds none
     * @param held    what that payment charged (null for none, or for a tombstone)
     * @param asked   what the OrderPlaced asks for
     */
    public static OnPlaced placed(PaymentStatus current, Charge held, Charge asked) {
        if (current == null) {
            return OnPlaced.AUTHORIZE;
        }
        if (current == PaymentStatus.CANCELLED) {
            return OnPlaced.DECLINE_CANCELLED;
        }
        if (held != null && !held.sameAs(asked)) {
            throw new Violation("the order's payment is " + current + " for " + held + "; this OrderPlaced asks for "
                    + asked);
        }
        return OnPlaced.ALREADY_ANSWERED;
    }

    public static OnRejected rejected(PaymentStatus current) {
        if (current == null) {
            return OnRejected.TOMBSTONE;
        }
        return current == PaymentStatus.AUTHORIZED ? OnRejected.VOID : OnRejected.NOTHING;
    }

    /** Throws {@link Violation} unless a payment may go from {@code from} (null: none yet) to {@code to}. */
    public static void checkTransition(PaymentStatus from, PaymentStatus to) {
        boolean lawful = from == null
                ? to == PaymentStatus.AUTHORIZED || to == PaymentStatus.DECLINED || to == PaymentStatus.CANCELLED
                : (from == PaymentStatus.CANCELLED && to == PaymentStatus.DECLINED)
                        || (from == PaymentStatus.AUTHORIZED && to == PaymentStatus.VOIDED);
        if (!lawful) {
            throw new Violation("a payment cannot go from " + (from == null ? "nothing" : from) + " to " + to);
        }
    }
}
