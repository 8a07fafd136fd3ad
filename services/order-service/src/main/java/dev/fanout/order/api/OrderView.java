package dev.fanout.order.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.fanout.order.domain.Order;
import dev.fanout.order.domain.OrderStatus;
import dev.fanout.order.saga.OrderLifecycle;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An order as clients read it (and as the Redis read model stores it): its lines, where payment and stock stand,
 * why it was rejected, how it shipped.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection(targets = { OrderView.class, OrderView.Line.class, OrderView.Step.class,
        OrderView.Rejection.class, OrderView.Shipment.class })
public record OrderView(UUID id, String customerId, OrderStatus status, String currency, List<Line> lines,
        BigDecimal total, Instant placedAt, Instant updatedAt, Step payment, Step stock, Rejection rejection,
        Shipment shipment) {

    public record Line(String sku, int quantity, BigDecimal unitPrice, BigDecimal lineTotal) {
    }

    /** Payment: PENDING, AUTHORIZED or DECLINED (with the authorization id); stock: PENDING, RESERVED or REJECTED. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(String status, String authorizationId) {
    }

    public record Rejection(String stage, String code, String message, Instant rejectedAt) {
    }

    public record Shipment(String shipmentId, String carrier, String trackingNumber, Instant shippedAt) {
    }

    private static String name(OrderLifecycle.Step step, String succeeded, String failed) {
        return switch (step) {
            case PENDING -> "PENDING";
            case SUCCEEDED -> succeeded;
            case FAILED -> failed;
        };
    }

    public static OrderView of(Order order) {
        return new OrderView(order.id, order.customerId, order.status, order.currency,
                order.lines.stream().map(l -> new Line(l.sku, l.quantity, l.unitPrice, l.lineTotal())).toList(),
                order.total, order.placedAt, order.updatedAt,
                new Step(name(order.paymentStatus, "AUTHORIZED", "DECLINED"), order.authorizationId),
                new Step(name(order.stockStatus, "RESERVED", "REJECTED"), null),
                order.rejectionCode == null ? null
                        : new Rejection(order.rejectionStage, order.rejectionCode, order.rejectionMessage,
                                order.rejectedAt),
                order.shipmentId == null ? null
                        : new Shipment(order.shipmentId, order.carrier, order.trackingNumber, order.shippedAt));
    }
}
