package dev.fanout.notification.message;

import java.math.BigDecimal;
import java.util.List;

import dev.fanout.events.order.OrderConfirmed;
import dev.fanout.events.order.OrderPlaced;
import dev.fanout.events.order.OrderRejected;
import dev.fanout.events.shipment.ShipmentDispatched;
import io.quarkus.qute.TemplateData;

/**
 * What the templates may show about an order event ({@code m} in every template). Every text value that came from
 * an event is already {@link SafeText clean}; missing values are null (templates test them with {@code #if}).
 *
 * @param orderId        the order id
 * @param amount         currency and total, e.g. {@code GBP 33.99}
 * @param items          what was ordered or shipped, one per SKU
 * @param reasonStage    rejected: {@code payment}, {@code stock} or another stage
 * @param reasonCode     rejected: e.g. {@code CARD_DECLINED}, {@code OUT_OF_STOCK}
 * @param reasonMessage  rejected: the sentence for humans
 * @param carrier        shipped: who carries it
 * @param trackingNumber shipped: the carrier's tracking number
 */
@TemplateData
public record MessageModel(String orderId, String amount, List<Item> items, String reasonStage, String reasonCode,
        String reasonMessage, String carrier, String trackingNumber) {

    static final int MAX_VALUE = 200;
    static final int MAX_ITEMS = 20;

    public MessageModel {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** One line of an order or a parcel. */
    @TemplateData
    public record Item(String sku, int quantity) {
    }

    public static MessageModel placed(OrderPlaced event) {
        List<Item> items = event.lines().stream().limit(MAX_ITEMS)
                .map(l -> new Item(SafeText.clean(l.sku(), 64), l.quantity())).toList();
        return new MessageModel(event.orderId().toString(), amount(event.currency(), event.total()), items, null,
                null, null, null, null);
    }

    public static MessageModel confirmed(OrderConfirmed event) {
        return new MessageModel(event.orderId().toString(), amount(event.currency(), event.total()), List.of(), null,
                null, null, null, null);
    }

    public static MessageModel rejected(OrderRejected event) {
        OrderRejected.Reason reason = event.reason();
        return new MessageModel(event.orderId().toString(), amount(event.currency(), event.total()), List.of(),
                SafeText.clean(reason.stage(), 32), SafeText.clean(reason.code(), 64),
                SafeText.clean(reason.message(), MAX_VALUE), null, null);
    }

    public static MessageModel shipped(ShipmentDispatched event) {
        List<Item> items = event.items().stream().limit(MAX_ITEMS)
                .map(i -> new Item(SafeText.clean(i.sku(), 64), i.quantity())).toList();
        return new MessageModel(event.orderId().toString(), null, items, null, null, null,
                SafeText.clean(event.carrier(), 64), SafeText.clean(event.trackingNumber(), 64));
    }

    private static String amount(String currency, BigDecimal total) {
        if (currency == null || total == null) {
            return null;
        }
        return SafeText.clean(currency, 3) + " " + total.toPlainString();
    }
}
