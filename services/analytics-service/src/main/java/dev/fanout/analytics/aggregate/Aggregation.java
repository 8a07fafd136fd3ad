package dev.fanout.analytics.aggregate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.fanout.events.EventType;
import dev.fanout.events.notification.NotificationSent;
import dev.fanout.events.order.OrderConfirmed;
import dev.fanout.events.order.OrderPlaced;
import dev.fanout.events.order.OrderRejected;
import dev.fanout.events.payment.PaymentVoided;
import dev.fanout.events.shipment.ShipmentDispatched;

/**
 * The analytics rules, as plain code: what one event changes in a generation's aggregates, as a list of steps for the
 * apply script ({@link RedisOp}). No I/O and no clock: the same event always gives the same steps, which is what
 * makes a replay rebuild the same numbers.
 *
 * <ul>
 * <li>Orders placed, confirmed, rejected and shipped are counted once per order (a flag in the order's state), in
 * total and in the minute of their business time (placedAt, confirmedAt, rejectedAt, dispatchedAt).</li>
 * <li>Revenue counts confirmed orders only, in minor units per currency. A void subtracts what it voids, but never
 * more than the order's confirmed revenue, and only once per authorization; whichever of confirmation and void
 * arrives first, the order's net revenue is recounted from its state ({@code SETTLE}), so the result does not
 * depend on the order in which topics are read.</li>
 * <li>Rejections are counted by stage and code; top SKUs by units ordered (OrderPlaced lines).</li>
 * <li>Journey latency: placed to confirmed from OrderConfirmed alone; confirmed to shipped once both timestamps are
 * in the order's state, whichever event came first ({@code PAIR}): shipments and confirmations travel on different
 * topics and partitions, so a shipment may well be processed before its confirmation.</li>
 * <li>Every event counts in the per-type tally; notifications per channel.</li>
 * </ul>
 * An amount that cannot be counted exactly makes the event business-invalid ({@link Money}): dead-lettered.
 */
public final class Aggregation {

    /** Field names of the order state hash; the Lua script reads the revenue ones by these names. */
    public static final String CURRENCY = "cur";
    public static final String DIGITS = "digits";
    public static final String CONFIRMED_REVENUE = "rev";
    public static final String CONFIRMED_AT = "confirmedAt";
    public static final String DISPATCHED_AT = "dispatchedAt";
    public static final String VOID_PREFIX = "void:";
    /** Voids without a currency, in millionths of a unit (applied to whatever currency the order confirmed in). */
    public static final String UNSPECIFIED_VOID = "void:*";
    public static final String VOIDED_AUTHORIZATION_PREFIX = "voided:";
    public static final String SHIP_LATENCY_RECORDED = "latency:" + Journey.CONFIRMED_TO_SHIPPED.key();

    private static final int MAX_LABEL = 100;

    private final Keys keys;
    private final long orderStateTtlSeconds;
    private final long timelineRetentionSeconds;

    public Aggregation(Keys keys, Duration orderStateTtl, Duration timelineRetention) {
        this.keys = keys;
        this.orderStateTtlSeconds = Math.max(1, orderStateTtl.toSeconds());
        this.timelineRetentionSeconds = Math.max(0, timelineRetention.toSeconds());
    }

    public Keys keys() {
        return keys;
    }

    /**
     * The steps that apply one event.
     *
     * @throws dev.fanout.kit.consumer.PermanentEventException when the event cannot be counted exactly
     */
    public AggregateUpdate plan(EventType<?> type, Object payload, Instant ceTime) {
        if (!type.payloadClass().isInstance(payload)) {
            throw new IllegalArgumentException(type.type() + " does not carry a " + payload.getClass().getName());
        }
        List<RedisOp> ops = new ArrayList<>();
        if (payload instanceof OrderPlaced placed) {
            placed(placed, ceTime, ops);
        } else if (payload instanceof OrderConfirmed confirmed) {
            confirmed(confirmed, ceTime, ops);
        } else if (payload instanceof OrderRejected rejected) {
            rejected(rejected, ceTime, ops);
        } else if (payload instanceof ShipmentDispatched shipped) {
            shipped(shipped, ceTime, ops);
        } else if (payload instanceof PaymentVoided voided) {
            voided(voided, ops);
        } else if (payload instanceof NotificationSent sent) {
            ops.add(RedisOp.hincr(keys.notifications(), label(sent.channel()), 1));
        }
        ops.add(RedisOp.hincr(keys.eventTypes(), type.type(), 1));
        return new AggregateUpdate(ops, EventFacts.businessTime(payload, ceTime));
    }

    private void placed(OrderPlaced placed, Instant ceTime, List<RedisOp> ops) {
        String order = keys.order(placed.orderId());
        List<RedisOp> counted = new ArrayList<>();
        counted.add(RedisOp.hincr(keys.totals(), Timeline.PLACED, 1));
        counted.addAll(timeline(orElse(placed.placedAt(), ceTime), Timeline.PLACED));
        Map<String, Long> units = new LinkedHashMap<>();
        for (OrderPlaced.Line line : placed.lines()) {
            String sku = line.sku().strip();
            if (!sku.isEmpty()) {
                units.merge(sku, (long) line.quantity(), Long::sum);
            }
        }
        units.forEach((sku, n) -> counted.add(RedisOp.zincr(keys.topSkus(), sku, n)));
        once(ops, order, Timeline.PLACED, counted);
        ops.add(RedisOp.expire(order, orderStateTtlSeconds));
    }

    private void confirmed(OrderConfirmed confirmed, Instant ceTime, List<RedisOp> ops) {
        String currency = confirmed.currency();
        long revenue = Money.toMinorUnits(confirmed.total(), currency);
        int digits = Money.fractionDigits(currency);
        String order = keys.order(confirmed.orderId());
        Instant at = orElse(confirmed.confirmedAt(), ceTime);

        List<RedisOp> counted = new ArrayList<>();
        counted.add(RedisOp.hincr(keys.totals(), Timeline.CONFIRMED, 1));
        counted.addAll(timeline(at, Timeline.CONFIRMED));
        counted.add(RedisOp.hset(order, CURRENCY, currency));
        counted.add(RedisOp.hset(order, DIGITS, Integer.toString(digits)));
        counted.add(RedisOp.hset(order, CONFIRMED_REVENUE, Long.toString(revenue)));
        if (at != null) {
            counted.add(RedisOp.hset(order, CONFIRMED_AT, Long.toString(at.toEpochMilli())));
        }
        counted.add(RedisOp.hincr(keys.revenue(), currency + RevenueFields.GROSS_SUFFIX, revenue));
        counted.add(RedisOp.hincr(keys.revenue(), currency + RevenueFields.ORDERS_SUFFIX, 1));
        if (confirmed.placedAt() != null && confirmed.confirmedAt() != null) {
            counted.addAll(latency(Journey.PLACED_TO_CONFIRMED,
                    confirmed.confirmedAt().toEpochMilli() - confirmed.placedAt().toEpochMilli()));
        }
        once(ops, order, Timeline.CONFIRMED, counted);
        ops.add(RedisOp.settle(order, keys.revenue()));
        ops.add(shipLatency(order));
        ops.add(RedisOp.expire(order, orderStateTtlSeconds));
    }

    private void rejected(OrderRejected rejected, Instant ceTime, List<RedisOp> ops) {
        String order = keys.order(rejected.orderId());
        List<RedisOp> counted = new ArrayList<>();
        counted.add(RedisOp.hincr(keys.totals(), Timeline.REJECTED, 1));
        counted.addAll(timeline(orElse(rejected.rejectedAt(), ceTime), Timeline.REJECTED));
        counted.add(RedisOp.hincr(keys.rejections(), reasonField(rejected.reason().stage(), rejected.reason().code()),
                1));
        once(ops, order, Timeline.REJECTED, counted);
        ops.add(RedisOp.expire(order, orderStateTtlSeconds));
    }

    private void shipped(ShipmentDispatched shipped, Instant ceTime, List<RedisOp> ops) {
        String order = keys.order(shipped.orderId());
        Instant at = orElse(shipped.dispatchedAt(), ceTime);
        List<RedisOp> counted = new ArrayList<>();
        counted.add(RedisOp.hincr(keys.totals(), Timeline.SHIPPED, 1));
        counted.addAll(timeline(at, Timeline.SHIPPED));
        if (at != null) {
            counted.add(RedisOp.hset(order, DISPATCHED_AT, Long.toString(at.toEpochMilli())));
        }
        once(ops, order, Timeline.SHIPPED, counted);
        ops.add(shipLatency(order));
        ops.add(RedisOp.expire(order, orderStateTtlSeconds));
    }

    private void voided(PaymentVoided voided, List<RedisOp> ops) {
        String order = keys.order(voided.orderId());
        RedisOp amount = voided.currency() == null
                ? RedisOp.hincr(order, UNSPECIFIED_VOID, Money.toMicros(voided.amount()))
                : RedisOp.hincr(order, VOID_PREFIX + voided.currency(),
                        Money.toMinorUnits(voided.amount(), voided.currency()));
        // one authorization is voided once, even if the void is published again under a new event id
        once(ops, order, VOIDED_AUTHORIZATION_PREFIX + voided.authorizationId(), List.of(amount));
        ops.add(RedisOp.settle(order, keys.revenue()));
        ops.add(RedisOp.expire(order, orderStateTtlSeconds));
    }

    private RedisOp shipLatency(String order) {
        return RedisOp.pair(order, keys.latency(Journey.CONFIRMED_TO_SHIPPED), CONFIRMED_AT, DISPATCHED_AT,
                SHIP_LATENCY_RECORDED);
    }

    private List<RedisOp> latency(Journey journey, long millis) {
        long value = Math.max(0, millis);
        String histogram = keys.latency(journey);
        return List.of(
                RedisOp.hincr(histogram, LatencyHistogram.bucketField(LatencyBuckets.indexOf(value)), 1),
                RedisOp.hincr(histogram, LatencyHistogram.COUNT, 1),
                RedisOp.hincr(histogram, LatencyHistogram.SUM, value),
                RedisOp.hmax(histogram, LatencyHistogram.MAX, value));
    }

    private List<RedisOp> timeline(Instant at, String metric) {
        if (at == null) {
            return List.of();
        }
        String day = keys.timeline(Timeline.day(at));
        return List.of(RedisOp.hincr(day, Timeline.field(at, metric), 1),
                RedisOp.expireAt(day, Timeline.expiresAt(Timeline.day(at), timelineRetentionSeconds)));
    }

    private static void once(List<RedisOp> ops, String order, String flag, List<RedisOp> guarded) {
        ops.add(RedisOp.once(order, flag, guarded.size()));
        ops.addAll(guarded);
    }

    /** {@code <stage>:<code>}: the stage never contains a colon, so the first one separates them. */
    public static String reasonField(String stage, String code) {
        return label(stage).replace(':', '_') + ":" + label(code);
    }

    private static String label(String value) {
        String clean = value == null ? "" : value.strip();
        if (clean.isEmpty()) {
            return "unknown";
        }
        return clean.length() > MAX_LABEL ? clean.substring(0, MAX_LABEL) : clean;
    }

    private static Instant orElse(Instant own, Instant fallback) {
        return own != null ? own : fallback;
    }

    /** Order ids as keys: for tests and tools that look at one order's state. */
    public String orderKey(UUID orderId) {
        return keys.order(orderId);
    }
}
