package dev.fanout.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

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

/** Every event contract of the platform, by CloudEvents type. */
public final class EventTypes {

    public static final EventType<OrderPlaced> ORDER_PLACED =
            new EventType<>("fanout.order.placed.v1", OrderPlaced.class, Topics.ORDERS);

    public static final EventType<OrderConfirmed> ORDER_CONFIRMED =
            new EventType<>("fanout.order.confirmed.v1", OrderConfirmed.class, Topics.ORDERS);

    public static final EventType<OrderRejected> ORDER_REJECTED =
            new EventType<>("fanout.order.rejected.v1", OrderRejected.class, Topics.ORDERS);

    public static final EventType<PaymentAuthorized> PAYMENT_AUTHORIZED =
            new EventType<>("fanout.payment.authorized.v1", PaymentAuthorized.class, Topics.PAYMENTS);

    public static final EventType<PaymentDeclined> PAYMENT_DECLINED =
            new EventType<>("fanout.payment.declined.v1", PaymentDeclined.class, Topics.PAYMENTS);

    public static final EventType<PaymentVoided> PAYMENT_VOIDED =
            new EventType<>("fanout.payment.voided.v1", PaymentVoided.class, Topics.PAYMENTS);

    public static final EventType<StockReserved> STOCK_RESERVED =
            new EventType<>("fanout.stock.reserved.v1", StockReserved.class, Topics.INVENTORY);

    public static final EventType<StockRejected> STOCK_REJECTED =
            new EventType<>("fanout.stock.rejected.v1", StockRejected.class, Topics.INVENTORY);

    public static final EventType<StockReleased> STOCK_RELEASED =
            new EventType<>("fanout.stock.released.v1", StockReleased.class, Topics.INVENTORY);

    public static final EventType<ShipmentDispatched> SHIPMENT_DISPATCHED =
            new EventType<>("fanout.shipment.dispatched.v1", ShipmentDispatched.class, Topics.SHIPMENTS);

    public static final EventType<NotificationSent> NOTIFICATION_SENT =
            new EventType<>("fanout.notification.sent.v1", NotificationSent.class, Topics.NOTIFICATIONS);

    public static final List<EventType<?>> ALL = List.of(ORDER_PLACED, ORDER_CONFIRMED, ORDER_REJECTED,
            PAYMENT_AUTHORIZED, PAYMENT_DECLINED, PAYMENT_VOIDED, STOCK_RESERVED, STOCK_REJECTED, STOCK_RELEASED,
            SHIPMENT_DISPATCHED, NOTIFICATION_SENT);

    private static final Map<String, EventType<?>> BY_TYPE = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));

    private EventTypes() {
    }

    public static Optional<EventType<?>> byType(String ceType) {
        return Optional.ofNullable(ceType).map(BY_TYPE::get);
    }
}
