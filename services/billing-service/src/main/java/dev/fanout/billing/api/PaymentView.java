package dev.fanout.billing.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.fanout.billing.payment.Payment;
import dev.fanout.billing.payment.PaymentStatus;

/**
 * An order's payment as clients read it. Absent fields are omitted: a tombstone (CANCELLED) may not know the amount,
 * only AUTHORIZED and VOIDED payments have an authorization id, only DECLINED ones a decline reason.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentView(UUID orderId, String customerId, PaymentStatus status, BigDecimal amount, String currency,
        String authorizationId, String declineReason, String declineMessage, Instant createdAt, Instant updatedAt,
        Instant authorizedAt, Instant declinedAt, Instant voidedAt, Instant cancelledAt) {

    public static PaymentView of(Payment payment) {
        return new PaymentView(payment.orderId, payment.customerId, payment.status, payment.amount, payment.currency,
                payment.authorizationId, payment.declineReason, payment.declineMessage, payment.createdAt,
                payment.updatedAt, payment.authorizedAt, payment.declinedAt, payment.voidedAt, payment.cancelledAt);
    }
}
