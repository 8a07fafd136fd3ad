package dev.fanout.billing.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import dev.fanout.events.order.OrderPlaced;
import dev.fanout.events.order.OrderRejected;

/**
 * Order events as order-service would publish them. Customer and order ids are fresh per call: the broker and the
 * database are shared with other tests and keep older data.
 */
public final class Orders {

    private Orders() {
    }

    /** A fresh customer id, e.g. {@code cust-1a2b3c4d}; use the prefixes {@code decline-} and {@code vip-}. */
    public static String customer(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String customer() {
        return customer("cust-");
    }

    /** A GBP order of {@code total} (one line), by {@code customerId}, with a fresh order id. */
    public static OrderPlaced placed(String customerId, String total) {
        return placed(UUID.randomUUID(), customerId, "GBP", total);
    }

    public static OrderPlaced placed(UUID orderId, String customerId, String currency, String total) {
        BigDecimal amount = new BigDecimal(total);
        return new OrderPlaced(orderId, customerId, currency, List.of(new OrderPlaced.Line("BOOK-0001", 1, amount)),
                amount, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    /** The order was rejected because fulfilment had no stock. */
    public static OrderRejected rejected(OrderPlaced order) {
        return new OrderRejected(order.orderId(), order.customerId(), order.currency(), order.total(),
                new OrderRejected.Reason(OrderRejected.Reason.STOCK, "OUT_OF_STOCK", "BOOK-0001: 1 requested, 0 "
                        + "available"), order.placedAt(), Instant.now());
    }
}
