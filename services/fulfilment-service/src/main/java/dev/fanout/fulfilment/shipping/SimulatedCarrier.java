package dev.fanout.fulfilment.shipping;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.fanout.fulfilment.FulfilmentSettings;
import dev.fanout.kit.Ids;

/**
 * The carrier that takes dispatched orders, simulated: it accepts every parcel at once and hands back a shipment id
 * and a deterministic tracking number ({@link TrackingNumbers}). Its name and tracking prefix are configuration
 * ({@code fanout.fulfilment.carrier.*}); a real carrier would sit behind the same method.
 */
@ApplicationScoped
public class SimulatedCarrier {

    private final String name;
    private final String trackingPrefix;

    public SimulatedCarrier(FulfilmentSettings settings) {
        this.name = settings.carrier().name();
        this.trackingPrefix = TrackingNumbers.checkPrefix(settings.carrier().trackingPrefix());
        if (name.isBlank()) {
            throw new IllegalArgumentException("fanout.fulfilment.carrier.name must not be blank");
        }
    }

    public String name() {
        return name;
    }

    /** Books the parcel of {@code orderId}: a new shipment, not yet stored. */
    public Shipment book(UUID orderId, Instant at) {
        Shipment shipment = new Shipment();
        shipment.id = "shp-" + Ids.newId();
        shipment.orderId = orderId;
        shipment.carrier = name;
        shipment.trackingNumber = TrackingNumbers.of(trackingPrefix, orderId);
        shipment.dispatchedAt = at;
        return shipment;
    }
}
