package dev.fanout.notification.api;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code PUT /customers/{id}/contact}: the whole set of preferences (what is left out is cleared: no email means
 * the default address, no phone means no SMS, an absent opt-out is false).
 */
@RegisterForReflection
public record ContactRequest(String email, String phone, Boolean emailOptOut, Boolean smsOptOut) {
}
