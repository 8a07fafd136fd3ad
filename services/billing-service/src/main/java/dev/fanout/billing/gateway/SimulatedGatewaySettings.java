package dev.fanout.billing.gateway;

import java.math.BigDecimal;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code fanout.billing.gateway.*}: the simulated payment gateway's rules and failure injection (README, "The
 * simulated gateway"). Checked at start-up: a bad value stops the service with a message naming the key.
 */
@ConfigMapping(prefix = "fanout.billing.gateway")
public interface SimulatedGatewaySettings {

    /** Customers whose id starts with this are always declined {@code CARD_DECLINED} (a reserved test range). */
    @WithDefault("decline-")
    String declinePrefix();

    /** Customers whose id starts with this have {@link #vipLimit()} instead of {@link #defaultLimit()}. */
    @WithDefault("vip-")
    String vipPrefix();

    /** Largest amount (any currency, the simulator does no FX) a customer may authorize in one order. */
    @WithDefault("1000.00")
    BigDecimal defaultLimit();

    @WithDefault("10000.00")
    BigDecimal vipLimit();

    /** Extra delay of every gateway call, to see a slow provider's effect (lag grows, intake does not care). */
    @WithDefault("0ms")
    Duration latency();

    /** Fraction (0.0 to 1.0) of calls that fail with a simulated timeout, at random. */
    @WithDefault("0")
    double transientFailureRate();

    /** Each idempotency key's first N calls fail with a simulated timeout: deterministic retries, for tests. */
    @WithDefault("0")
    int failFirstAttempts();
}
