package dev.fanout.fulfilment.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import dev.fanout.events.order.OrderConfirmed;
import dev.fanout.events.order.OrderPlaced;
import dev.fanout.events.order.OrderRejected;

/** Order events as order-service publishes them, for orders of the tests' own. */
public final class Orders {

    private static final BigDecimal PRICE = new BigDecimal("9.99");

    private Orders() {
    }

    public static UUID newOrder() {
        return UUID.randomUUID();
    }

    /** An order line: {@code quantity} units of {@code sku}. */
    public static OrderPlaced.Line line(String sku, int quantity) {
        return new OrderPlaced.Line(sku, quantity, PRICE);
    }

    public static OrderPlaced placed(UUID order, OrderPlaced.Line... lines) {
        List<OrderPlaced.Line> all = Arrays.asList(lines);
        BigDecimal total = all.stream().map(l -> l.unitPrice().multiply(BigDecimal.valueOf(l.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return new OrderPlaced(order, "cust-test", "GBP", all, total, Instant.now());
    }

    public static OrderRejected rejected(UUID order) {
        return new OrderRejected(order, "cust-test", "GBP", PRICE, new OrderRejected.Reason(
                OrderRejected.Reason.PAYMENT, "CARD_DECLINED", "the issuer declined the card"), Instant.now(),
                Instant.now());
    }

    public static OrderConfirmed confirmed(UUID order) {
        return new OrderConfirmed(order, "cust-test", "GBP", PRICE, Instant.now(), Instant.now());
    }
}
