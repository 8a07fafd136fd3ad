package dev.fanout.analytics.aggregate;

import java.time.Instant;
import java.util.UUID;

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

/** What every event payload says the same way: which order, and when it happened in business terms. */
public final class EventFacts {

    private EventFacts() {
    }

    /**
     * When the event happened, as its producer recorded it in the payload (placedAt, confirmedAt, rejectedAt,
     * dispatchedAt, ...), else the envelope's {@code ce_time}, else null. Never the time it was processed: a replay
     * must put every event in the same minute as the first time.
     */
    public static Instant businessTime(Object payload, Instant ceTime) {
        Instant own = null;
        if (payload instanceof OrderPlaced p) {
            own = p.placedAt();
        } else if (payload instanceof OrderConfirmed c) {
            own = c.confirmedAt();
        } else if (payload instanceof OrderRejected r) {
            own = r.rejectedAt();
        } else if (payload instanceof PaymentAuthorized a) {
            own = a.authorizedAt();
        } else if (payload instanceof PaymentDeclined d) {
            own = d.declinedAt();
        } else if (payload instanceof PaymentVoided v) {
            own = v.voidedAt();
        } else if (payload instanceof StockReserved s) {
            own = s.reservedAt();
        } else if (payload instanceof StockRejected s) {
            own = s.rejectedAt();
        } else if (payload instanceof StockReleased s) {
            own = s.releasedAt();
        } else if (payload instanceof ShipmentDispatched s) {
            own = s.dispatchedAt();
        } else if (payload instanceof NotificationSent n) {
            own = n.sentAt();
        }
        return own != null ? own : ceTime;
    }

    /** The order an event is about (every contract carries it), or null for a payload of no known type. */
    public static UUID orderId(Object payload) {
        if (payload instanceof OrderPlaced p) {
            return p.orderId();
        } else if (payload instanceof OrderConfirmed c) {
            return c.orderId();
        } else if (payload instanceof OrderRejected r) {
            return r.orderId();
        } else if (payload instanceof PaymentAuthorized a) {
            return a.orderId();
        } else if (payload instanceof PaymentDeclined d) {
            return d.orderId();
        } else if (payload instanceof PaymentVoided v) {
            return v.orderId();
        } else if (payload instanceof StockReserved s) {
            return s.orderId();
        } else if (payload instanceof StockRejected s) {
            return s.orderId();
        } else if (payload instanceof StockReleased s) {
            return s.orderId();
        } else if (payload instanceof ShipmentDispatched s) {
            return s.orderId();
        } else if (payload instanceof NotificationSent n) {
            return n.orderId();
        }
        return null;
    }
}
