package dev.fanout.events.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** {@code fanout.payment.voided.v1} on {@code payments.v1}: an authorization was released because the order failed. */
public record PaymentVoided(UUID orderId, String authorizationId, String currency, BigDecimal amount,
        Instant voidedAt) {

    public PaymentVoided {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(authorizationId, "authorizationId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(voidedAt, "voidedAt");
    }
}
