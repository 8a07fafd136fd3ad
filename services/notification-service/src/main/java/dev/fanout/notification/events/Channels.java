package dev.fanout.notification.events;

/** The incoming channels of notification-service (configured in application.properties). */
public final class Channels {

    /** orders.v1: placed, confirmed and rejected orders. */
    public static final String ORDERS = "orders";
    /** shipments.v1: dispatched orders. */
    public static final String SHIPMENTS = "shipments";

    private Channels() {
    }
}
