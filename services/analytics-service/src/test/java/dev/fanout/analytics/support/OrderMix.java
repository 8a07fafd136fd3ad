package dev.fanout.analytics.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import dev.fanout.events.EventType;
import dev.fanout.events.EventTypes;
import dev.fanout.events.inventory.StockItem;
import dev.fanout.events.inventory.StockRejected;
import dev.fanout.events.inventory.StockReleased;
import dev.fanout.events.inventory.StockReserved;
import dev.fanout.events.notification.NotificationSent;
import dev.fanout.events.order.OrderConfirmed;
import dev.fanout.events.order.OrderPlaced;
import dev.fanout.events.order.OrderRejected;
import dev.fanout.events.payment.PaymentAuthorized;
import dev.fanout.events.payment.PaymentDeclined;
import dev.fanout.events.payment.PaymentVoided;
import dev.fanout.events.shipment.ShipmentDispatched;

/**
 * A few hundred orders of a known mix, as the producers would publish them, and the truth they add up to, computed
 * here independently of the service's code: 60 % confirmed (a third of those shipped, half of the shipments reaching
 * analytics before their confirmation; voids after confirmation: partial, full, twice, in excess, without currency),
 * 20 % rejected by payment, 15 % rejected by stock (with a void of the authorization), 5 % still pending; four
 * currencies with 0, 2 and 3 decimals; notifications by email for every order and by SMS for confirmed ones.
 */
public final class OrderMix {

    /** One event to publish: phase 1 goes first; phase 2 (held-back confirmations) once phase 1 was processed. */
    public record Step(int phase, EventType<?> type, UUID order, Object payload, UUID eventId) {
    }

    /** What the numbers must be. Money in minor units per currency. */
    public static final class Truth {
        public long placed;
        public long confirmed;
        public long rejected;
        public long shipped;
        public final Map<String, Long> netRevenue = new TreeMap<>();
        public final Map<String, Long> grossRevenue = new TreeMap<>();
        public final Map<String, Long> confirmedOrders = new TreeMap<>();
        public final Map<String, Long> rejections = new TreeMap<>();
        public final Map<String, Long> skuUnits = new TreeMap<>();
        public final Map<String, Long> eventTypes = new TreeMap<>();
        public final Map<String, Long> notifications = new TreeMap<>();
        /** minute -> placed, confirmed, rejected, shipped. */
        public final Map<Instant, long[]> minutes = new TreeMap<>();
        public final List<Long> placedToConfirmed = new ArrayList<>();
        public final List<Long> confirmedToShipped = new ArrayList<>();
        /** Distinct events (what the generation applies). */
        public long events;
    }

    static final String[] CURRENCIES = { "GBP", "EUR", "JPY", "BHD" };
    static final int[] DIGITS = { 2, 2, 0, 3 };
    static final String[] SKUS = { "MIX-BOOK", "MIX-MUG", "MIX-TEE", "MIX-LAMP", "MIX-PEN", "MIX-CUP", "MIX-HAT" };

    public final List<Step> steps = new ArrayList<>();
    public final Truth truth = new Truth();

    public OrderMix(int orders, Instant base) {
        for (int i = 0; i < orders; i++) {
            order(i, base);
        }
    }

    private void order(int i, Instant base) {
        UUID order = new UUID(0x0a11_7e57_0000_0000L + i, i * 7919L + 13);
        int c = i % CURRENCIES.length;
        String currency = CURRENCIES[c];
        Instant placedAt = base.plusSeconds(i * 15L).plusMillis(i * 37L % 1000);
        List<OrderPlaced.Line> lines = new ArrayList<>();
        long totalMinor = 0;
        Map<String, Integer> units = new LinkedHashMap<>();
        for (int j = 0; j <= i % 3; j++) {
            String sku = SKUS[(i * 7 + j * 3) % SKUS.length];
            int quantity = 1 + (i + j) % 4;
            long unitMinor = 100 + (i * 37L + j * 11) % 900;
            lines.add(new OrderPlaced.Line(sku, quantity, BigDecimal.valueOf(unitMinor, DIGITS[c])));
            totalMinor += unitMinor * quantity;
            units.merge(sku, quantity, Integer::sum);
        }
        BigDecimal total = BigDecimal.valueOf(totalMinor, DIGITS[c]);
        List<StockItem> items = units.entrySet().stream().map(e -> new StockItem(e.getKey(), e.getValue())).toList();
        String customer = "cust-" + (i % 17);

        add(1, EventTypes.ORDER_PLACED, order, new OrderPlaced(order, customer, currency, lines, total, placedAt));
        truth.placed++;
        units.forEach((sku, n) -> truth.skuUnits.merge(sku, (long) n, Long::sum));
        minute(placedAt, 0);
        add(1, EventTypes.NOTIFICATION_SENT, order, notification(order, customer, "EMAIL", placedAt.plusSeconds(1)));
        truth.notifications.merge("EMAIL", 1L, Long::sum);

        int kind = i % 20;
        Instant decidedAt = placedAt.plusMillis(50 + (i * 97L) % 5000);
        String authorization = "auth-" + i;
        if (kind < 12) {
            add(1, EventTypes.PAYMENT_AUTHORIZED, order, new PaymentAuthorized(order, authorization, customer, currency,
                    total, placedAt.plusMillis(20)));
            add(1, EventTypes.STOCK_RESERVED, order, new StockReserved(order, items, placedAt.plusMillis(30)));
            boolean shipped = i % 3 == 0;
            boolean shipmentFirst = shipped && i % 2 == 0;
            add(shipmentFirst ? 2 : 1, EventTypes.ORDER_CONFIRMED, order, new OrderConfirmed(order, customer, currency,
                    total, placedAt, decidedAt));
            truth.confirmed++;
            minute(decidedAt, 1);
            truth.placedToConfirmed.add(decidedAt.toEpochMilli() - placedAt.toEpochMilli());
            truth.grossRevenue.merge(currency, totalMinor, Long::sum);
            truth.confirmedOrders.merge(currency, 1L, Long::sum);
            add(1, EventTypes.NOTIFICATION_SENT, order, notification(order, customer, "SMS", decidedAt.plusSeconds(1)));
            truth.notifications.merge("SMS", 1L, Long::sum);
            if (shipped) {
                Instant dispatchedAt = decidedAt.plusSeconds(60L * (1 + i % 7)).plusMillis(i * 13L % 1000);
                add(1, EventTypes.SHIPMENT_DISPATCHED, order, new ShipmentDispatched(order, "shp-" + i, "FANOUT_POST",
                        "FP" + i, items, dispatchedAt));
                truth.shipped++;
                minute(dispatchedAt, 3);
                truth.confirmedToShipped.add(dispatchedAt.toEpochMilli() - decidedAt.toEpochMilli());
            }
            long voided = 0;
            Instant voidedAt = decidedAt.plusSeconds(5);
            switch (kind) {
                case 7 -> { // a void without currency, for the whole amount
                    add(1, EventTypes.PAYMENT_VOIDED, order, new PaymentVoided(order, authorization, null, total,
                            voidedAt));
                    voided = totalMinor;
                }
                case 8 -> { // more than was confirmed: down to zero, never below
                    add(1, EventTypes.PAYMENT_VOIDED, order, new PaymentVoided(order, authorization, currency,
                            total.add(BigDecimal.TEN), voidedAt));
                    voided = totalMinor;
                }
                case 9 -> { // the same authorization voided twice, under two event ids: once
                    long half = totalMinor / 2;
                    PaymentVoided v = new PaymentVoided(order, authorization, currency, BigDecimal.valueOf(half,
                            DIGITS[c]), voidedAt);
                    add(1, EventTypes.PAYMENT_VOIDED, order, v);
                    add(1, EventTypes.PAYMENT_VOIDED, order, v);
                    voided = half;
                }
                case 10 -> { // partial: a third
                    long third = totalMinor / 3;
                    add(1, EventTypes.PAYMENT_VOIDED, order, new PaymentVoided(order, authorization, currency,
                            BigDecimal.valueOf(third, DIGITS[c]), voidedAt));
                    voided = third;
                }
                case 11 -> { // in another currency: not this revenue's
                    String other = CURRENCIES[(c + 1) % CURRENCIES.length];
                    add(1, EventTypes.PAYMENT_VOIDED, order, new PaymentVoided(order, authorization, other,
                            BigDecimal.ONE, voidedAt));
                }
                default -> {
                }
            }
            truth.netRevenue.merge(currency, totalMinor - voided, Long::sum);
        } else if (kind < 16) {
            String code = i % 2 == 0 ? "CARD_DECLINED" : "LIMIT_EXCEEDED";
            add(1, EventTypes.PAYMENT_DECLINED, order, new PaymentDeclined(order, customer, currency, total, code,
                    "declined", placedAt.plusMillis(20)));
            add(1, EventTypes.STOCK_RESERVED, order, new StockReserved(order, items, placedAt.plusMillis(30)));
            add(1, EventTypes.ORDER_REJECTED, order, new OrderRejected(order, customer, currency, total,
                    new OrderRejected.Reason("payment", code, "declined"), placedAt, decidedAt));
            add(1, EventTypes.STOCK_RELEASED, order, new StockReleased(order, items, decidedAt.plusMillis(10)));
            rejected("payment:" + code, decidedAt);
        } else if (kind < 19) {
            String code = i % 3 == 0 ? "UNKNOWN_SKU" : "OUT_OF_STOCK";
            add(1, EventTypes.PAYMENT_AUTHORIZED, order, new PaymentAuthorized(order, authorization, customer, currency,
                    total, placedAt.plusMillis(20)));
            add(1, EventTypes.STOCK_REJECTED, order, new StockRejected(order, code, "no", List.of(),
                    placedAt.plusMillis(30)));
            add(1, EventTypes.ORDER_REJECTED, order, new OrderRejected(order, customer, currency, total,
                    new OrderRejected.Reason("stock", code, "no stock"), placedAt, decidedAt));
            // billing voids the authorization of a rejected order: nothing was counted, nothing is subtracted
            add(1, EventTypes.PAYMENT_VOIDED, order, new PaymentVoided(order, authorization, currency, total,
                    decidedAt.plusMillis(50)));
            rejected("stock:" + code, decidedAt);
        } else {
            add(1, EventTypes.PAYMENT_AUTHORIZED, order, new PaymentAuthorized(order, authorization, customer, currency,
                    total, placedAt.plusMillis(20)));
        }
    }

    private void rejected(String reason, Instant at) {
        truth.rejected++;
        truth.rejections.merge(reason, 1L, Long::sum);
        minute(at, 2);
    }

    private void minute(Instant at, int metric) {
        truth.minutes.computeIfAbsent(at.truncatedTo(ChronoUnit.MINUTES), m -> new long[4])[metric]++;
    }

    private static NotificationSent notification(UUID order, String customer, String channel, Instant at) {
        return new NotificationSent(order, order + "/" + channel, customer, channel, EventTypes.ORDER_PLACED.type(),
                UUID.nameUUIDFromBytes((order + channel).getBytes()), "c***@example.com", at);
    }

    private void add(int phase, EventType<?> type, UUID order, Object payload) {
        steps.add(new Step(phase, type, order, payload, UUID.randomUUID()));
        truth.events++;
        truth.eventTypes.merge(type.type(), 1L, Long::sum);
    }
}
