package dev.fanout.fulfilment.stock;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One SKU of a reservation and its quantity. */
@Embeddable
public class ReservationLine {

    @Column(nullable = false)
    public String sku;

    @Column(nullable = false)
    public int quantity;

    public ReservationLine() {
    }

    public ReservationLine(String sku, int quantity) {
        this.sku = sku;
        this.quantity = quantity;
    }
}
