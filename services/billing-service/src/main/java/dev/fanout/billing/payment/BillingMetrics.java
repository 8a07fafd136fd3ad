package dev.fanout.billing.payment;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Billing's own meters, beside the kit's consumer metrics. Tags are low-cardinality only: outcomes and decline
 * codes, never ids. Payment outcomes are counted after the commit, so a retried event counts once.
 */
@ApplicationScoped
public class BillingMetrics {

    private final MeterRegistry registry;

    public BillingMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** {@code fanout.billing.authorizations{result=authorized|declined, reason=none|<decline code>}}. */
    public void authorization(boolean authorized, String declineReason) {
        Counter.builder("fanout.billing.authorizations")
                .description("Orders billing answered: authorized, or declined with the reason")
                .tag("result", authorized ? "authorized" : "declined")
                .tag("reason", authorized || declineReason == null ? "none" : declineReason)
                .register(registry).increment();
    }

    /** {@code fanout.billing.voids}: authorizations released because the order was rejected. */
    public void voided() {
        Counter.builder("fanout.billing.voids").description("Authorizations voided because the order was rejected")
                .register(registry).increment();
    }

    /**
     * {@code fanout.billing.gateway.calls{operation=authorize|void, outcome=approved|declined|voided|timeout|refused
     * |error}}: how long the payment gateway takes, and how often it fails.
     */
    public void gatewayCall(String operation, String outcome, Duration took) {
        Timer.builder("fanout.billing.gateway.calls").description("Calls to the payment gateway")
                .tag("operation", operation).tag("outcome", outcome)
                .publishPercentileHistogram().maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry).record(took);
    }
}
