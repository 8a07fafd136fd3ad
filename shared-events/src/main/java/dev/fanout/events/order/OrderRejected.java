package dev.fanout.events.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code fanout.order.rejected.v1} on {@code orders.v1}: payment or stock failed (the first failure decides).
 * Billing voids an authorization it holds; fulfilment releases a reservation it holds.
 */
public record OrderRejected(UUID orderId, String customerId, String currency, BigDecimal total, Reason reason,
        Instant placedAt, Instant rejectedAt) {

    public OrderRejected {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(placedAt, "placedAt");
        Objects.requireNonNull(rejectedAt, "rejectedAt");
    }

    /**
     * Why: which step failed ({@code payment} or {@code stock}), its code (e.g. {@code CARD_DECLINED},
     * {@code OUT_OF_STOCK}) and a sentence for humans. Codes are open-ended strings: new ones may appear.
     */
    public record Reason(String stage, String code, String message) {

        public static final String PAYMENT = "payment";
        public static final String STOCK = "stock";

        public Reason {
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(code, "code");
        }
    }
}
