package dev.fanout.events;

/** CloudEvents {@code source} of each producing service. */
public final class EventSources {

    public static final String ORDER_SERVICE = "/fanout/order-service";
    public static final String BILLING_SERVICE = "/fanout/billing-service";
    public static final String FULFILMENT_SERVICE = "/fanout/fulfilment-service";
    public static final String NOTIFICATION_SERVICE = "/fanout/notification-service";

    private EventSources() {
    }
}
