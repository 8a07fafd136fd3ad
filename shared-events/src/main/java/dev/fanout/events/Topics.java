package dev.fanout.events;

/** Topic names, one per producing domain, versioned in the name. Details live in {@link TopicCatalog}. */
public final class Topics {

    public static final String ORDERS = "orders.v1";
    public static final String PAYMENTS = "payments.v1";
    public static final String INVENTORY = "inventory.v1";
    public static final String SHIPMENTS = "shipments.v1";
    public static final String NOTIFICATIONS = "notifications.v1";

    private Topics() {
    }
}
