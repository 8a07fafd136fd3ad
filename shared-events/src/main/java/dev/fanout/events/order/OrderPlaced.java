package dev.fanout.events.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code fanout.order.placed.v1} on {@code orders.v1}: a customer placed an order; it is PENDING until billing and
 * fulfilment have answered.
 *
 * @param orderId    the order (also the record key and {@code ce_subject})
 * @param customerId who placed it
 * @param currency   ISO 4217 code of every amount in the event
 * @param lines      what was ordered, at least one line
 * @param total      sum of quantity x unit price over the lines
 * @param placedAt   when the order was accepted
 */
public record OrderPlaced(UUID orderId, String customerId, String currency, List<Line> lines, BigDecimal total,
        Instant placedAt) {

    public OrderPlaced {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(placedAt, "placedAt");
        if (lines == null || lines.isEmpty()) {
            throw new IllegalArgumentException("an order has at least one line");
        }
        if (total.signum() < 0) {
            throw new IllegalArgumentException("total must not be negative");
        }
        lines = List.copyOf(lines);
    }

    /** One order line: {@code quantity} units of {@code sku} at {@code unitPrice} each. */
    public record Line(String sku, int quantity, BigDecimal unitPrice) {

        public Line {
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(unitPrice, "unitPrice");
            if (quantity < 1) {
                throw new IllegalArgumentException("quantity must be positive");
            }
            if (unitPrice.signum() < 0) {
                throw new IllegalArgumentException("unitPrice must not be negative");
            }
        }
    }
}
