package dev.fanout.order.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.fanout.order.domain.Order;
import dev.fanout.order.domain.OrderStatus;

/** An order as clients read it (and as the Redis read model stores it). */
public record OrderView(UUID id, String customerId, OrderStatus status, String currency, List<Line> lines,
        BigDecimal total, Instant placedAt, Instant updatedAt) {

    public record Line(String sku, int quantity, BigDecimal unitPrice, BigDecimal lineTotal) {
    }

    public static OrderView of(Order order) {
        return new OrderView(order.id, order.customerId, order.status, order.currency,
                order.lines.stream().map(l -> new Line(l.sku, l.quantity, l.unitPrice, l.lineTotal())).toList(),
                order.total, order.placedAt, order.updatedAt);
    }
}
