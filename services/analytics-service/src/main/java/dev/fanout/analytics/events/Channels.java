package dev.fanout.analytics.events;

import java.util.Map;

import dev.fanout.events.Topics;

/** The incoming channels of analytics-service, one per topic (configured in application.properties). */
public final class Channels {

    /** orders.v1: placed, confirmed, rejected. */
    public static final String ORDERS = "orders";
    /** payments.v1: authorized, declined, voided. */
    public static final String PAYMENTS = "payments";
    /** inventory.v1: reserved, rejected, released. */
    public static final String INVENTORY = "inventory";
    /** shipments.v1: dispatched. */
    public static final String SHIPMENTS = "shipments";
    /** notifications.v1: sent. */
    public static final String NOTIFICATIONS = "notifications";

    /** Channel to topic: analytics consumes every topic of the catalog. */
    public static final Map<String, String> TOPICS = Map.of(ORDERS, Topics.ORDERS, PAYMENTS, Topics.PAYMENTS,
            INVENTORY, Topics.INVENTORY, SHIPMENTS, Topics.SHIPMENTS, NOTIFICATIONS, Topics.NOTIFICATIONS);

    private Channels() {
    }
}
