package dev.fanout.notification.contact;

/**
 * A customer's stored contact preferences. {@code email} null: the default address; {@code phone} null: no SMS.
 */
public record Contact(String email, String phone, boolean emailOptOut, boolean smsOptOut) {
}
