package dev.fanout.order.saga;

/** The incoming channels of order-service (configured in application.properties). */
public final class Channels {

    /** payments.v1: billing's answers. */
    public static final String PAYMENTS = "payments";
    /** inventory.v1: fulfilment's answers. */
    public static final String INVENTORY = "inventory";
    /** shipments.v1: dispatched orders. */
    public static final String SHIPMENTS = "shipments";

    private Channels() {
    }
}
