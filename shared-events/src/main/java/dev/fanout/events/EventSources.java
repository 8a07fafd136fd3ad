package dev.fanout.events;

/** CloudEvents {@code source} of each producing service. */
public final class EventSources {

    public static final String ORDER_SERVICE = "/fanout/order-service";

    private EventSources() {
    }
}
