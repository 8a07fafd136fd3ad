package dev.fanout.fulfilment.events;

/** The incoming channels of fulfilment-service (configured in application.properties). */
public final class Channels {

    /** orders.v1: placed, rejected and confirmed orders. */
    public static final String ORDERS = "orders";

    private Channels() {
    }
}
