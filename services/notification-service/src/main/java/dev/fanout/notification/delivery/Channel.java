package dev.fanout.notification.delivery;

/** How a customer is told. Every event about an order gets one delivery per channel (sent, or skipped and why). */
public enum Channel {
    EMAIL, SMS;

    /** Lower-case name, for metric tags and template names. */
    public String tag() {
        return name().toLowerCase();
    }
}
