package dev.fanout.billing.gateway;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.fanout.billing.gateway.AuthorizationResult.Declined;

/**
 * What the simulated gateway answers, as pure functions (no clock, no randomness of their own, no I/O), in this
 * order:
 * <ol>
 * <li>a customer id starting with the decline prefix ({@code decline-}) is declined {@code CARD_DECLINED};</li>
 * <li>an amount above the customer's limit (1000.00, or 10000.00 for ids starting with {@code vip-}) is declined
 * {@code LIMIT_EXCEEDED}; the limit itself is allowed. Limits are in pounds sterling and converted at fixed,
 * deliberately round rates ({@link #RATES}: 1 GBP = 190 JPY, say), so a yen order is not held to 1000 yen;</li>
 * <li>anything else is approved.</li>
 * </ol>
 * {@link Faults} says which calls fail with a simulated timeout before any of this is decided.
 */
public final class SimulatedGatewayRules {

    static final String CARD_DECLINED_MESSAGE = "the issuer declined the card";

    /** Units of each currency per pound sterling, for limits only; unknown currencies count 1:1. */
    static final Map<String, BigDecimal> RATES = Map.of(
            "GBP", BigDecimal.ONE, "EUR", new BigDecimal("1.15"), "USD", new BigDecimal("1.27"),
            "CHF", new BigDecimal("1.12"), "SEK", new BigDecimal("13.5"), "NOK", new BigDecimal("13.6"),
            "DKK", new BigDecimal("8.6"), "PLN", new BigDecimal("5.0"), "JPY", new BigDecimal("190"));

    private final String declinePrefix;
    private final String vipPrefix;
    private final BigDecimal defaultLimit;
    private final BigDecimal vipLimit;

    public SimulatedGatewayRules(String declinePrefix, String vipPrefix, BigDecimal defaultLimit,
            BigDecimal vipLimit) {
        this.declinePrefix = nonBlank(declinePrefix, "decline-prefix");
        this.vipPrefix = nonBlank(vipPrefix, "vip-prefix");
        this.defaultLimit = notNegative(defaultLimit, "default-limit");
        this.vipLimit = notNegative(vipLimit, "vip-limit");
    }

    public static SimulatedGatewayRules of(SimulatedGatewaySettings settings) {
        return new SimulatedGatewayRules(settings.declinePrefix(), settings.vipPrefix(), settings.defaultLimit(),
                settings.vipLimit());
    }

    /** Empty: approved. Otherwise the decline. */
    public Optional<Declined> decide(String customerId, BigDecimal amount, String currency) {
        if (customerId.startsWith(declinePrefix)) {
            return Optional.of(new Declined(Declined.CARD_DECLINED, CARD_DECLINED_MESSAGE));
        }
        BigDecimal pounds = limitOf(customerId);
        BigDecimal limit = pounds.multiply(RATES.getOrDefault(currency, BigDecimal.ONE));
        if (amount.compareTo(limit) > 0) {
            return Optional.of(new Declined(Declined.LIMIT_EXCEEDED, currency + " " + amount.toPlainString()
                    + " is above the customer's limit of " + (currency.equals("GBP") ? pounds.toPlainString()
                            : currency + " " + limit.stripTrailingZeros().toPlainString() + " (GBP "
                                    + pounds.toPlainString() + ")")));
        }
        return Optional.empty();
    }

    /** The customer's limit in pounds sterling. */
    public BigDecimal limitOf(String customerId) {
        return customerId.startsWith(vipPrefix) ? vipLimit : defaultLimit;
    }

    /**
     * Failure injection: every call waits {@code latency} first; then the first {@code failFirstAttempts} calls of
     * each idempotency key time out (deterministic), and of the others a fraction {@code transientFailureRate}
     * (drawn at random by the caller) time out too. A timed-out call changes nothing at the gateway.
     */
    public record Faults(Duration latency, double transientFailureRate, int failFirstAttempts) {

        public Faults {
            Objects.requireNonNull(latency, "latency");
            if (latency.isNegative()) {
                throw new IllegalArgumentException("fanout.billing.gateway.latency must not be negative, got "
                        + latency);
            }
            if (!(transientFailureRate >= 0.0 && transientFailureRate <= 1.0)) {
                throw new IllegalArgumentException("fanout.billing.gateway.transient-failure-rate must be between "
                        + "0.0 and 1.0, got " + transientFailureRate);
            }
            if (failFirstAttempts < 0) {
                throw new IllegalArgumentException("fanout.billing.gateway.fail-first-attempts must not be "
                        + "negative, got " + failFirstAttempts);
            }
        }

        public static Faults of(SimulatedGatewaySettings settings) {
            return new Faults(settings.latency(), settings.transientFailureRate(), settings.failFirstAttempts());
        }

        public static Faults none() {
            return new Faults(Duration.ZERO, 0.0, 0);
        }

        /** Whether a key's {@code call}-th call (1-based) times out, given a uniform draw in [0, 1). */
        public boolean timesOut(int call, double draw) {
            return call <= failFirstAttempts || draw < transientFailureRate;
        }

        /** Whether calls must be counted per key at all (only when fail-first-attempts is set). */
        public boolean countsCalls() {
            return failFirstAttempts > 0;
        }
    }

    private static String nonBlank(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("fanout.billing.gateway." + key + " must not be blank");
        }
        return value;
    }

    private static BigDecimal notNegative(BigDecimal value, String key) {
        if (value == null || value.signum() < 0) {
            throw new IllegalArgumentException("fanout.billing.gateway." + key + " must be zero or more, got "
                    + value);
        }
        return value;
    }
}
