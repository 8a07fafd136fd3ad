package dev.fanout.billing.events;

/** The incoming channels of billing-service (configured in application.properties). */
public final class Channels {

    /** orders.v1: OrderPlaced (authorize) and OrderRejected (void); OrderConfirmed is not billing's business. */
    public static final String ORDERS = "orders";

    private Channels() {
    }
}
