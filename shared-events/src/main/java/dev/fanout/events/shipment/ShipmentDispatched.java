package dev.fanout.events.shipment;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import dev.fanout.events.inventory.StockItem;

/** {@code fanout.shipment.dispatched.v1} on {@code shipments.v1}: the confirmed order left the warehouse. */
public record ShipmentDispatched(UUID orderId, String shipmentId, String carrier, String trackingNumber,
        List<StockItem> items, Instant dispatchedAt) {

    public ShipmentDispatched {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(shipmentId, "shipmentId");
        Objects.requireNonNull(dispatchedAt, "dispatchedAt");
        items = List.copyOf(items);
    }
}
