package dev.fanout.analytics.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.fanout.analytics.aggregate.RedisOp.Code;
import dev.fanout.events.EventType;
import dev.fanout.events.EventTypes;
import dev.fanout.events.inventory.StockItem;
import dev.fanout.events.inventory.StockReserved;
import dev.fanout.events.notification.NotificationSent;
import dev.fanout.events.order.OrderConfirmed;
import dev.fanout.events.order.OrderPlaced;
import dev.fanout.events.order.OrderRejected;
import dev.fanout.events.payment.PaymentVoided;
import dev.fanout.events.shipment.ShipmentDispatched;
import dev.fanout.kit.consumer.PermanentEventException;

class AggregationTest {

    static final Keys KEYS = new Keys("fanout:analytics:", 3);
    static final Instant PLACED = Instant.parse("2026-11-26T09:15:30.123Z");
    static final Instant CONFIRMED = Instant.parse("2026-11-26T09:15:31.241Z");
    static final Instant DISPATCHED = Instant.parse("2026-11-26T11:02:00Z");
    /** When the events were published or processed: never what the numbers are bucketed by. */
    static final Instant CE_TIME = Instant.parse("2027-01-01T00:00:00Z");

    final Aggregation rules = new Aggregation(KEYS, Duration.ofDays(8), Duration.ofDays(35));
    final UUID order = UUID.fromString("0193a7c2-5d1e-7b3a-9f0e-1c2d3e4f5a6b");

    @Test
    void everyKeyOfAGenerationLivesUnderItsPrefix() {
        assertThat(KEYS.prefix()).isEqualTo("fanout:analytics:g3:");
        assertThat(KEYS.seen(order)).isEqualTo("fanout:analytics:g3:seen:" + order);
        assertThat(KEYS.timeline(PLACED.atZone(java.time.ZoneOffset.UTC).toLocalDate()))
                .isEqualTo("fanout:analytics:g3:timeline:2026-11-26");
        assertThat(KEYS.latency(Journey.CONFIRMED_TO_SHIPPED)).isEqualTo("fanout:analytics:g3:latency:confirmed-shipped");
        assertThat(Keys.activeGeneration("fanout:analytics:")).isEqualTo("fanout:analytics:active-generation");
        assertThat(KEYS.withGeneration(4).prefix()).isEqualTo("fanout:analytics:g4:");
        assertThatThrownBy(() -> new Keys("x:", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOrderPlacedIsCountedOnceInTotalInItsMinuteAndItsSkus() {
        AggregateUpdate update = plan(EventTypes.ORDER_PLACED, placed(order, "GBP",
                line("BOOK-0001", 2, "12.50"), line("MUG-0042", 1, "8.99"), line("BOOK-0001", 3, "12.50")));

        String orderKey = KEYS.order(order);
        String day = KEYS.timeline(Timeline.day(PLACED));
        assertThat(update.ops()).containsExactly(
                RedisOp.once(orderKey, "placed", 5),
                RedisOp.hincr(KEYS.totals(), "placed", 1),
                RedisOp.hincr(day, "09:15:placed", 1),
                RedisOp.expireAt(day, Instant.parse("2026-11-27T00:00:00Z").plus(Duration.ofDays(35)).getEpochSecond()),
                RedisOp.zincr(KEYS.topSkus(), "BOOK-0001", 5),
                RedisOp.zincr(KEYS.topSkus(), "MUG-0042", 1),
                RedisOp.expire(orderKey, Duration.ofDays(8).toSeconds()),
                RedisOp.hincr(KEYS.eventTypes(), "fanout.order.placed.v1", 1));
        assertThat(update.eventTime()).isEqualTo(PLACED);
    }

    @Test
    void anOrderConfirmedCountsItsRevenueInMinorUnitsAndItsLatency() {
        AggregateUpdate update = plan(EventTypes.ORDER_CONFIRMED, confirmed(order, "GBP", "33.99"));

        String orderKey = KEYS.order(order);
        String latency = KEYS.latency(Journey.PLACED_TO_CONFIRMED);
        int bucket = LatencyBuckets.indexOf(1118);
        assertThat(update.ops()).contains(
                RedisOp.hincr(KEYS.totals(), "confirmed", 1),
                RedisOp.hincr(KEYS.timeline(Timeline.day(CONFIRMED)), "09:15:confirmed", 1),
                RedisOp.hset(orderKey, "cur", "GBP"),
                RedisOp.hset(orderKey, "digits", "2"),
                RedisOp.hset(orderKey, "rev", "3399"),
                RedisOp.hset(orderKey, "confirmedAt", Long.toString(CONFIRMED.toEpochMilli())),
                RedisOp.hincr(KEYS.revenue(), "GBP:gross", 3399),
                RedisOp.hincr(KEYS.revenue(), "GBP:orders", 1),
                RedisOp.hincr(latency, "b" + bucket, 1),
                RedisOp.hincr(latency, "n", 1),
                RedisOp.hincr(latency, "sum", 1118),
                RedisOp.hmax(latency, "max", 1118),
                RedisOp.settle(orderKey, KEYS.revenue()),
                RedisOp.pair(orderKey, KEYS.latency(Journey.CONFIRMED_TO_SHIPPED), "confirmedAt", "dispatchedAt",
                        "latency:confirmed-shipped"));
        // everything up to the latency is counted once per order; the recount and the pairing are idempotent
        RedisOp guard = update.ops().get(0);
        assertThat(guard.code()).isEqualTo(Code.ONCE);
        assertThat(guard.args()).containsExactly("confirmed", "13");
        assertThat(update.ops().get(14).code()).isEqualTo(Code.SETTLE);
    }

    @Test
    void minorUnitsFollowTheCurrency() {
        assertThat(plan(EventTypes.ORDER_CONFIRMED, confirmed(order, "JPY", "1200")).ops())
                .contains(RedisOp.hset(KEYS.order(order), "rev", "1200"), RedisOp.hset(KEYS.order(order), "digits", "0"));
        assertThat(plan(EventTypes.ORDER_CONFIRMED, confirmed(order, "BHD", "12.345")).ops())
                .contains(RedisOp.hincr(KEYS.revenue(), "BHD:gross", 12345));
    }

    @Test
    void anAmountThatCannotBeCountedExactlyIsBusinessInvalid() {
        assertThatThrownBy(() -> plan(EventTypes.ORDER_CONFIRMED, confirmed(order, "GBP", "10.005")))
                .isInstanceOf(PermanentEventException.class).hasMessageContaining("10.005 GBP");
        assertThatThrownBy(() -> plan(EventTypes.ORDER_CONFIRMED, confirmed(order, "ZZZ", "10.00")))
                .isInstanceOf(PermanentEventException.class).hasMessage("unknown currency ZZZ");
        assertThatThrownBy(() -> plan(EventTypes.PAYMENT_VOIDED, new PaymentVoided(order, "auth-1", "GBP",
                new BigDecimal("-1.00"), CONFIRMED))).isInstanceOf(PermanentEventException.class);
    }

    @Test
    void rejectionsAreCountedByStageAndCode() {
        AggregateUpdate update = plan(EventTypes.ORDER_REJECTED, rejected(order, "stock", "OUT_OF_STOCK"));
        assertThat(update.ops()).contains(RedisOp.hincr(KEYS.rejections(), "stock:OUT_OF_STOCK", 1),
                RedisOp.hincr(KEYS.timeline(Timeline.day(CONFIRMED)), "09:15:rejected", 1),
                RedisOp.hincr(KEYS.totals(), "rejected", 1));
        assertThat(Aggregation.reasonField(" pay:ment ", "")).isEqualTo("pay_ment:unknown");
    }

    @Test
    void timeBucketsUseBusinessTimeNeverTheEnvelopeTime() {
        AggregateUpdate shipped = plan(EventTypes.SHIPMENT_DISPATCHED, dispatched(order));
        assertThat(shipped.ops()).contains(RedisOp.hincr(KEYS.timeline(Timeline.day(DISPATCHED)), "11:02:shipped", 1));
        assertThat(shipped.eventTime()).isEqualTo(DISPATCHED);
        assertThat(shipped.ops()).noneMatch(op -> op.keys().stream().anyMatch(k -> k.contains("2027-01-01")));
        // a payload without a business time of its own falls back to ce_time for the generation's "last event"
        assertThat(EventFacts.businessTime("not an event", CE_TIME)).isEqualTo(CE_TIME);
    }

    @Test
    void notificationsAndOtherEventsAreTallied() {
        AggregateUpdate sent = plan(EventTypes.NOTIFICATION_SENT, new NotificationSent(order, "n-1", "cust-1",
                "EMAIL", EventTypes.ORDER_CONFIRMED.type(), UUID.randomUUID(), "c***@example.com", CONFIRMED));
        assertThat(sent.ops()).containsExactly(RedisOp.hincr(KEYS.notifications(), "EMAIL", 1),
                RedisOp.hincr(KEYS.eventTypes(), "fanout.notification.sent.v1", 1));
        AggregateUpdate reserved = plan(EventTypes.STOCK_RESERVED, new StockReserved(order,
                List.of(new StockItem("BOOK-0001", 2)), CONFIRMED));
        assertThat(reserved.ops()).containsExactly(RedisOp.hincr(KEYS.eventTypes(), "fanout.stock.reserved.v1", 1));
    }

    @Test
    void aVoidSubtractsOnlyWhatWasCountedAsConfirmedRevenue() {
        ScriptModel redis = new ScriptModel();
        apply(redis, EventTypes.ORDER_PLACED, placed(order, "GBP", line("BOOK-0001", 1, "33.99")));
        // a void for an order that was never confirmed (rejected after an authorization) takes nothing away
        UUID rejectedOrder = UUID.randomUUID();
        apply(redis, EventTypes.ORDER_REJECTED, rejected(rejectedOrder, "stock", "OUT_OF_STOCK"));
        apply(redis, EventTypes.PAYMENT_VOIDED, voided(rejectedOrder, "auth-r", "GBP", "50.00"));
        assertThat(redis.number(KEYS.revenue(), "GBP")).isZero();

        apply(redis, EventTypes.ORDER_CONFIRMED, confirmed(order, "GBP", "33.99"));
        assertThat(redis.number(KEYS.revenue(), "GBP")).isEqualTo(3399);
        // a partial void takes its amount
        apply(redis, EventTypes.PAYMENT_VOIDED, voided(order, "auth-1", "GBP", "10.00"));
        assertThat(redis.number(KEYS.revenue(), "GBP")).isEqualTo(2399);
        // the same authorization voided again under a new event id: nothing more
        apply(redis, EventTypes.PAYMENT_VOIDED, voided(order, "auth-1", "GBP", "10.00"));
        assertThat(redis.number(KEYS.revenue(), "GBP")).isEqualTo(2399);
        // a void in another currency is not this revenue's
        apply(redis, EventTypes.PAYMENT_VOIDED, voided(order, "auth-2", "EUR", "5.00"));
        assertThat(redis.number(KEYS.revenue(), "GBP")).isEqualTo(2399);
        // more than what is left: down to zero, never below
        apply(redis, EventTypes.PAYMENT_VOIDED, voided(order, "auth-3", "GBP", "500.00"));
        assertThat(redis.number(KEYS.revenue(), "GBP")).isZero();
        assertThat(redis.number(KEYS.revenue(), "GBP:gross")).isEqualTo(3399);
        assertThat(redis.number(KEYS.revenue(), "EUR")).isZero();
    }

    @Test
    void aVoidWithoutCurrencyAppliesToTheOrdersCurrency() {
        ScriptModel redis = new ScriptModel();
        apply(redis, EventTypes.PAYMENT_VOIDED, voided(order, "auth-1", null, "200"));
        apply(redis, EventTypes.ORDER_CONFIRMED, confirmed(order, "JPY", "1200"));
        assertThat(redis.number(KEYS.revenue(), "JPY")).isEqualTo(1000);
    }

    @Test
    void confirmationVoidAndShipmentGiveTheSameNumbersInWhateverOrderTheyArrive() {
        List<Object[]> events = List.of(
                new Object[] { EventTypes.ORDER_PLACED, placed(order, "EUR", line("TEE-0001", 2, "20.00")) },
                new Object[] { EventTypes.ORDER_CONFIRMED, confirmed(order, "EUR", "40.00") },
                new Object[] { EventTypes.PAYMENT_VOIDED, voided(order, "auth-1", "EUR", "15.00") },
                new Object[] { EventTypes.SHIPMENT_DISPATCHED, dispatched(order) },
                new Object[] { EventTypes.NOTIFICATION_SENT, new NotificationSent(order, "n", "c", "SMS", "t",
                        UUID.randomUUID(), "r", DISPATCHED) });
        Map<String, Map<String, String>> first = null;
        Random random = new Random(3);
        for (int round = 0; round < 40; round++) {
            List<Object[]> shuffled = new ArrayList<>(events);
            Collections.shuffle(shuffled, random);
            ScriptModel redis = new ScriptModel();
            for (Object[] event : shuffled) {
                apply(redis, (EventType<?>) event[0], event[1]);
            }
            assertThat(redis.number(KEYS.revenue(), "EUR")).isEqualTo(2500);
            assertThat(redis.number(KEYS.latency(Journey.CONFIRMED_TO_SHIPPED), "n")).isEqualTo(1);
            Map<String, Map<String, String>> state = new java.util.TreeMap<>(redis.hashes);
            if (first == null) {
                first = state;
            } else {
                assertThat(state).as("round %d", round).isEqualTo(first);
            }
        }
    }

    @Test
    void aShipmentProcessedBeforeItsConfirmationStillGivesTheConfirmedToShippedLatency() {
        ScriptModel redis = new ScriptModel();
        apply(redis, EventTypes.SHIPMENT_DISPATCHED, dispatched(order));
        String histogram = KEYS.latency(Journey.CONFIRMED_TO_SHIPPED);
        assertThat(redis.number(histogram, "n")).isZero();
        assertThat(redis.number(KEYS.totals(), "shipped")).isEqualTo(1);

        apply(redis, EventTypes.ORDER_CONFIRMED, confirmed(order, "GBP", "33.99"));

        long expected = DISPATCHED.toEpochMilli() - CONFIRMED.toEpochMilli();
        assertThat(redis.number(histogram, "n")).isEqualTo(1);
        assertThat(redis.number(histogram, "sum")).isEqualTo(expected);
        assertThat(redis.number(histogram, "b" + LatencyBuckets.indexOf(expected))).isEqualTo(1);
        // a shipment re-published under a new event id neither counts nor measures again
        apply(redis, EventTypes.SHIPMENT_DISPATCHED, dispatched(order));
        assertThat(redis.number(histogram, "n")).isEqualTo(1);
        assertThat(redis.number(KEYS.totals(), "shipped")).isEqualTo(1);
    }

    @Test
    void aRedeliveredEventCountsNothingTwice() {
        ScriptModel redis = new ScriptModel();
        UUID eventId = UUID.randomUUID();
        AggregateUpdate update = plan(EventTypes.ORDER_PLACED, placed(order, "GBP", line("BOOK-0001", 1, "1.00")));
        assertThat(redis.apply(KEYS, eventId, update)).isTrue();
        assertThat(redis.apply(KEYS, eventId, update)).isFalse();
        assertThat(redis.number(KEYS.totals(), "placed")).isEqualTo(1);
        assertThat(redis.number(KEYS.meta(), "events")).isEqualTo(1);
        assertThat(redis.number(KEYS.meta(), "duplicates")).isEqualTo(1);
    }

    @Test
    void theSameEventAlwaysGivesTheSameSteps() {
        OrderConfirmed event = confirmed(order, "GBP", "33.99");
        assertThat(plan(EventTypes.ORDER_CONFIRMED, event)).isEqualTo(plan(EventTypes.ORDER_CONFIRMED, event));
        assertThatThrownBy(() -> rules.plan(EventTypes.ORDER_PLACED, event, CE_TIME))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- helpers ----

    AggregateUpdate plan(EventType<?> type, Object payload) {
        return rules.plan(type, payload, CE_TIME);
    }

    void apply(ScriptModel redis, EventType<?> type, Object payload) {
        redis.apply(KEYS, UUID.randomUUID(), plan(type, payload));
    }

    static OrderPlaced.Line line(String sku, int quantity, String price) {
        return new OrderPlaced.Line(sku, quantity, new BigDecimal(price));
    }

    static OrderPlaced placed(UUID order, String currency, OrderPlaced.Line... lines) {
        BigDecimal total = List.of(lines).stream().map(l -> l.unitPrice().multiply(BigDecimal.valueOf(l.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return new OrderPlaced(order, "cust-1", currency, List.of(lines), total, PLACED);
    }

    static OrderConfirmed confirmed(UUID order, String currency, String total) {
        return new OrderConfirmed(order, "cust-1", currency, new BigDecimal(total), PLACED, CONFIRMED);
    }

    static OrderRejected rejected(UUID order, String stage, String code) {
        return new OrderRejected(order, "cust-1", "GBP", BigDecimal.TEN, new OrderRejected.Reason(stage, code, "why"),
                PLACED, CONFIRMED);
    }

    static PaymentVoided voided(UUID order, String authorization, String currency, String amount) {
        return new PaymentVoided(order, authorization, currency, new BigDecimal(amount), CONFIRMED);
    }

    static ShipmentDispatched dispatched(UUID order) {
        return new ShipmentDispatched(order, "shp-1", "FANOUT_POST", "FP123", List.of(new StockItem("BOOK-0001", 1)),
                DISPATCHED);
    }
}
