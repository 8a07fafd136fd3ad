package dev.fanout.events.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** {@code fanout.payment.authorized.v1} on {@code payments.v1}: the order's amount is held on the customer's card. */
public record PaymentAuthorized(UUID orderId, String authorizationId, String customerId, String currency,
        BigDecimal amount, Instant authorizedAt) {

    public PaymentAuthorized {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(authorizationId, "authorizationId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(authorizedAt, "authorizedAt");
    }
}
