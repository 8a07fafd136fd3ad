package dev.fanout.events.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code fanout.payment.declined.v1} on {@code payments.v1}: the payment was refused. {@code reason} is a code such as
 * {@code CARD_DECLINED}, {@code LIMIT_EXCEEDED} or {@code ORDER_CANCELLED}; new codes may appear.
 */
public record PaymentDeclined(UUID orderId, String customerId, String currency, BigDecimal amount, String reason,
        String message, Instant declinedAt) {

    public PaymentDeclined {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(declinedAt, "declinedAt");
    }
}
