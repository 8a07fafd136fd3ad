package dev.fanout.fulfilment;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code fanout.fulfilment.*}: the simulated carrier, restock limits, and a knob to make fulfilment slow on purpose.
 */
@ConfigMapping(prefix = "fanout.fulfilment")
public interface FulfilmentSettings {

    /**
     * Extra time every orders.v1 event waits before it is processed (0 by default). Makes fulfilment a slow consumer
     * on purpose: order intake must not notice, consumer lag must show it, and fulfilment catches up afterwards.
     */
    @WithDefault("0s")
    Duration extraLatency();

    /** Most units one restock call may add. */
    @WithDefault("1000000")
    int maxRestock();

    Carrier carrier();

    /** The simulated carrier that takes dispatched orders. */
    interface Carrier {

        /** Carrier name in ShipmentDispatched and on shipments. */
        @WithDefault("FANOUT_POST")
        String name();

        /** First letters of every tracking number (1 to 4 upper-case letters). */
        @WithDefault("FP")
        String trackingPrefix();
    }
}
