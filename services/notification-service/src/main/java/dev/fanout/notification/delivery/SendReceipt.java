package dev.fanout.notification.delivery;

/** What a provider answered when it accepted a message: its id for it (kept on the delivery as provider_id). */
public record SendReceipt(String providerId) {
}
