package dev.fanout.analytics.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import dev.fanout.events.EventTypes;
import dev.fanout.events.inventory.StockItem;
import dev.fanout.events.inventory.StockReserved;
import dev.fanout.events.notification.NotificationSent;
import dev.fanout.events.order.OrderConfirmed;
import dev.fanout.events.order.OrderPlaced;
import dev.fanout.events.order.OrderRejected;
import dev.fanout.events.payment.PaymentAuthorized;
import dev.fanout.events.payment.PaymentVoided;
import dev.fanout.events.shipment.ShipmentDispatched;

/** Event payloads as the producers write them, for orders of the tests' own. */
public final class Events {

    private Events() {
    }

    /**
     * A minute of business time no other test run uses (somewhere in the 2040s): timeline buckets of that minute are
     * this test's alone, even in a generation that also read the shared broker's history.
     */
    public static Instant privateMinute() {
        long minutes = ThreadLocalRandom.current().nextLong(0, 5L * 365 * 24 * 60);
        return Instant.parse("2041-01-01T00:00:00Z").plus(minutes, ChronoUnit.MINUTES);
    }

    /** A SKU no other test uses. */
    public static String privateSku() {
        return "T-ANALYTICS-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    public static OrderPlaced.Line line(String sku, int quantity, String price) {
        return new OrderPlaced.Line(sku, quantity, new BigDecimal(price));
    }

    public static OrderPlaced placed(UUID order, String currency, Instant at, OrderPlaced.Line... lines) {
        BigDecimal total = List.of(lines).stream().map(l -> l.unitPrice().multiply(BigDecimal.valueOf(l.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return new OrderPlaced(order, "cust-analytics", currency, List.of(lines), total, at);
    }

    public static OrderConfirmed confirmed(UUID order, String currency, String total, Instant placedAt,
            Instant confirmedAt) {
        return new OrderConfirmed(order, "cust-analytics", currency, new BigDecimal(total), placedAt, confirmedAt);
    }

    public static OrderRejected rejected(UUID order, String stage, String code, Instant placedAt, Instant at) {
        return new OrderRejected(order, "cust-analytics", "GBP", BigDecimal.TEN,
                new OrderRejected.Reason(stage, code, "rejected by a test"), placedAt, at);
    }

    public static PaymentAuthorized authorized(UUID order, String currency, String amount, Instant at) {
        return new PaymentAuthorized(order, "auth-" + order, "cust-analytics", currency, new BigDecimal(amount), at);
    }

    public static PaymentVoided voided(UUID order, String authorization, String currency, String amount, Instant at) {
        return new PaymentVoided(order, authorization, currency, amount == null ? null : new BigDecimal(amount), at);
    }

    public static StockReserved reserved(UUID order, String sku, int quantity, Instant at) {
        return new StockReserved(order, List.of(new StockItem(sku, quantity)), at);
    }

    public static ShipmentDispatched dispatched(UUID order, String sku, int quantity, Instant at) {
        return new ShipmentDispatched(order, "shp-" + order, "FANOUT_POST", "FP" + order.toString().substring(0, 8),
                List.of(new StockItem(sku, quantity)), at);
    }

    public static NotificationSent sent(UUID order, String channel, Instant at) {
        return new NotificationSent(order, order + "/" + EventTypes.ORDER_PLACED.type() + "/" + channel,
                "cust-analytics", channel, EventTypes.ORDER_PLACED.type(), UUID.randomUUID(),
                "c***@example.com", at);
    }
}
