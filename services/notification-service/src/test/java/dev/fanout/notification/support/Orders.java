package dev.fanout.notification.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.fanout.events.inventory.StockItem;
import dev.fanout.events.order.OrderConfirmed;
import dev.fanout.events.order.OrderPlaced;
import dev.fanout.events.order.OrderRejected;
import dev.fanout.events.shipment.ShipmentDispatched;

/** Order events as order-service and fulfilment-service publish them, for orders and customers of the tests' own. */
public final class Orders {

    private Orders() {
    }

    public static UUID newOrder() {
        return UUID.randomUUID();
    }

    /** A customer id nobody else uses (the database keeps every earlier run's preferences). */
    public static String newCustomer() {
        return "cust-" + UUID.randomUUID().toString().substring(0, 13);
    }

    public static OrderPlaced placed(UUID order, String customer) {
        return new OrderPlaced(order, customer, "GBP", List.of(new OrderPlaced.Line("BOOK-0001", 2,
                new BigDecimal("12.50")), new OrderPlaced.Line("MUG-0042", 1, new BigDecimal("8.99"))),
                new BigDecimal("33.99"), Instant.now());
    }

    public static OrderConfirmed confirmed(UUID order, String customer) {
        return new OrderConfirmed(order, customer, "GBP", new BigDecimal("33.99"), Instant.now(), Instant.now());
    }

    public static OrderRejected rejected(UUID order, String customer) {
        return new OrderRejected(order, customer, "GBP", new BigDecimal("33.99"), new OrderRejected.Reason(
                OrderRejected.Reason.STOCK, "OUT_OF_STOCK", "LAMP-0007: 3 requested, 1 available"), Instant.now(),
                Instant.now());
    }

    public static ShipmentDispatched shipped(UUID order) {
        return new ShipmentDispatched(order, "shp-" + UUID.randomUUID(), "FANOUT_POST", "FP2JEGFZQ55EX9",
                List.of(new StockItem("BOOK-0001", 2), new StockItem("MUG-0042", 1)), Instant.now());
    }
}
