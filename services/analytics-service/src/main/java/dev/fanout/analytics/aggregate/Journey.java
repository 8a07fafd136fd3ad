package dev.fanout.analytics.aggregate;

/** The legs of the order journey whose latency is measured. */
public enum Journey {

    /** {@code OrderConfirmed.placedAt} to {@code OrderConfirmed.confirmedAt}. */
    PLACED_TO_CONFIRMED("placed-confirmed"),
    /** {@code OrderConfirmed.confirmedAt} to {@code ShipmentDispatched.dispatchedAt}, whichever arrives first. */
    CONFIRMED_TO_SHIPPED("confirmed-shipped");

    private final String key;

    Journey(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
