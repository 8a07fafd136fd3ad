package dev.fanout.events.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code fanout.order.confirmed.v1} on {@code orders.v1}: payment authorized and stock reserved; fulfilment
 * dispatches it.
 */
public record OrderConfirmed(UUID orderId, String customerId, String currency, BigDecimal total, Instant placedAt,
        Instant confirmedAt) {

    public OrderConfirmed {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(placedAt, "placedAt");
        Objects.requireNonNull(confirmedAt, "confirmedAt");
    }
}
