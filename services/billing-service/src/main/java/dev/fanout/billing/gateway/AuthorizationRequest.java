package dev.fanout.billing.gateway;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What billing asks the gateway to hold.
 *
 * @param idempotencyKey the same key always gets the same answer (billing uses the order id)
 * @param customerId     whose payment method
 * @param amount         how much, in {@code currency}
 * @param currency       ISO 4217 code
 */
public record AuthorizationRequest(String idempotencyKey, String customerId, BigDecimal amount, String currency) {

    public AuthorizationRequest {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
    }
}
