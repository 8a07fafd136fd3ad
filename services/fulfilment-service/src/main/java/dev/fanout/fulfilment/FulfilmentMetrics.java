package dev.fanout.fulfilment;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What fulfilment decided, counted after the decision committed (a rolled-back or retried attempt counts nothing).
 * Tags stay low-cardinality: outcomes and movements, never SKUs or order ids.
 */
@ApplicationScoped
public class FulfilmentMetrics {

    /** How many units moved between available, reserved and shipped. */
    public enum Movement {
        RESERVED, RELEASED, SHIPPED, RESTOCKED
    }

    private final MeterRegistry registry;

    public FulfilmentMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One placed order answered: {@code reserved}, or the rejection code in lower case ({@code out_of_stock}...). */
    public void reservation(String result) {
        Counter.builder("fanout.fulfilment.reservations")
                .description("Placed orders answered: reserved, or why stock was refused")
                .tag("result", result.toLowerCase()).register(registry).increment();
    }

    /** A rejected order's reservation went back to stock. */
    public void released() {
        Counter.builder("fanout.fulfilment.releases").description("Reservations released for rejected orders")
                .register(registry).increment();
    }

    /** An OrderRejected arrived before its OrderPlaced: a tombstone was recorded. */
    public void tombstone() {
        Counter.builder("fanout.fulfilment.tombstones")
                .description("Orders rejected before fulfilment saw them placed (stock will be refused)")
                .register(registry).increment();
    }

    public void dispatched(String carrier) {
        Counter.builder("fanout.fulfilment.dispatches").description("Confirmed orders dispatched")
                .tag("carrier", carrier).register(registry).increment();
    }

    public void units(Movement movement, long units) {
        Counter.builder("fanout.fulfilment.units").description("Units moved between available, reserved and shipped")
                .tag("movement", movement.name().toLowerCase()).register(registry).increment(units);
    }
}
