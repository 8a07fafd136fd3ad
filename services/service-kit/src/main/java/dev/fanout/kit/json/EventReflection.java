package dev.fanout.kit.json;

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
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Native images keep only what is reachable: the event records are read and written by shared-events' own
 * Jackson mapper, which Quarkus cannot see, so they are registered here. {@code EventReflectionTest} fails when a
 * contract is added to the catalog but not here.
 */
@RegisterForReflection(targets = {
        OrderPlaced.class, OrderPlaced.Line.class, OrderConfirmed.class, OrderRejected.class,
        OrderRejected.Reason.class,
        PaymentAuthorized.class, PaymentDeclined.class, PaymentVoided.class,
        StockItem.class, StockReserved.class, StockRejected.class, StockRejected.Shortage.class, StockReleased.class,
        ShipmentDispatched.class, NotificationSent.class })
public final class EventReflection {

    private EventReflection() {
    }
}
