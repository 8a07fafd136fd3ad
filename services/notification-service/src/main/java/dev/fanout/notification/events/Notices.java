package dev.fanout.notification.events;

import dev.fanout.events.order.OrderConfirmed;
import dev.fanout.events.order.OrderPlaced;
import dev.fanout.events.order.OrderRejected;
import dev.fanout.events.shipment.ShipmentDispatched;
import dev.fanout.kit.consumer.PermanentEventException;
import dev.fanout.kit.consumer.ReceivedEvent;
import dev.fanout.notification.contact.ContactRules;
import dev.fanout.notification.delivery.Notice;
import dev.fanout.notification.message.MessageModel;
import dev.fanout.notification.message.Step;

/**
 * What each consumed event means for the customer. An event that cannot be told to anyone (its customer id is not
 * a customer id) is a permanent failure: dead-lettered with the reason, never retried.
 */
final class Notices {

    private Notices() {
    }

    static Notice placed(ReceivedEvent<OrderPlaced> event) {
        OrderPlaced order = event.payload();
        return new Notice(order.orderId(), customer(order.customerId(), event), Step.PLACED, event.id(),
                event.time(), MessageModel.placed(order));
    }

    static Notice confirmed(ReceivedEvent<OrderConfirmed> event) {
        OrderConfirmed order = event.payload();
        return new Notice(order.orderId(), customer(order.customerId(), event), Step.CONFIRMED, event.id(),
                event.time(), MessageModel.confirmed(order));
    }

    static Notice rejected(ReceivedEvent<OrderRejected> event) {
        OrderRejected order = event.payload();
        return new Notice(order.orderId(), customer(order.customerId(), event), Step.REJECTED, event.id(),
                event.time(), MessageModel.rejected(order));
    }

    static Notice shipped(ReceivedEvent<ShipmentDispatched> event) {
        ShipmentDispatched shipment = event.payload();
        return new Notice(shipment.orderId(), null, Step.SHIPPED, event.id(), event.time(),
                MessageModel.shipped(shipment));
    }

    private static String customer(String customerId, ReceivedEvent<?> event) {
        if (!ContactRules.isCustomerId(customerId)) {
            String shown = customerId == null ? "null" : customerId.length() > 64 ? customerId.substring(0, 64) + "..." : customerId;
            throw new PermanentEventException("cannot notify about " + event.type().type() + " " + event.id()
                    + ": customer id '" + shown.replaceAll("\\p{Cntrl}", "?") + "' is not a customer id (1 to "
                    + ContactRules.MAX_CUSTOMER_ID + " letters, digits and . _ : -)");
        }
        return customerId;
    }
}
