package dev.fanout.notification.api;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A customer's contact preferences and what they mean now.
 *
 * @param source        {@code stored} (PUT before) or {@code default} (nothing stored: email to the default address,
 *                      no SMS)
 * @param email         the stored address, or null
 * @param emailTo       where email goes now (null when opted out)
 * @param smsTo         where SMS go now (null when opted out or no phone)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record ContactView(String customerId, String source, String email, String phone, boolean emailOptOut,
        boolean smsOptOut, String emailTo, String smsTo, Instant updatedAt) {
}
