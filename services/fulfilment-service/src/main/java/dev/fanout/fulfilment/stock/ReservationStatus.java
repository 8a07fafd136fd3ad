package dev.fanout.fulfilment.stock;

/** Where an order's stock stands (see {@link Allocation} for the transitions). */
public enum ReservationStatus {
    /** Every line is set aside; waiting for the order to be confirmed or rejected. */
    RESERVED,
    /** Stock was refused (a SKU short or unknown); nothing is held. */
    REJECTED,
    /** The order was rejected before fulfilment saw it placed: a tombstone, so a late OrderPlaced reserves nothing. */
    CANCELLED,
    /** Was RESERVED; the order was rejected and the stock went back to available. */
    RELEASED,
    /** Was RESERVED; the order was confirmed and its stock shipped. */
    DISPATCHED
}
