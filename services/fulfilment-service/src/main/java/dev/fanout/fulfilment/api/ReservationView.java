package dev.fanout.fulfilment.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.fanout.fulfilment.shipping.Shipment;
import dev.fanout.fulfilment.stock.Reservation;
import dev.fanout.fulfilment.stock.ReservationStatus;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** What fulfilment decided for one order: status, lines, why stock was refused, how it shipped. */
@JsonInclude(JsonInclude.Include.NON_NULL)
// native images: Jackson writes these by reflection (nested records are not found from the return type alone)
@RegisterForReflection(targets = { ReservationView.class, ReservationView.Line.class, ReservationView.Rejection.class,
        ReservationView.ShipmentView.class })
public record ReservationView(UUID orderId, ReservationStatus status, List<Line> lines, Rejection rejection,
        ShipmentView shipment, Instant createdAt, Instant updatedAt) {

    public record Line(String sku, int quantity) {
    }

    public record Rejection(String code, String message) {
    }

    public record ShipmentView(String shipmentId, String carrier, String trackingNumber, Instant dispatchedAt) {
    }

    public static ReservationView of(Reservation reservation, Shipment shipment) {
        return new ReservationView(reservation.orderId, reservation.status,
                reservation.lines.stream().map(l -> new Line(l.sku, l.quantity)).toList(),
                reservation.rejectionCode == null ? null
                        : new Rejection(reservation.rejectionCode, reservation.rejectionMessage),
                shipment == null ? null
                        : new ShipmentView(shipment.id, shipment.carrier, shipment.trackingNumber,
                                shipment.dispatchedAt),
                reservation.createdAt, reservation.updatedAt);
    }
}
