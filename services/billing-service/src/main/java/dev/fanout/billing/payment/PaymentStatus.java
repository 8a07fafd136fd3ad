package dev.fanout.billing.payment;

/** Where billing stands with an order's payment (README, "Payments"). */
public enum PaymentStatus {
    /** The gateway holds the order's amount. */
    AUTHORIZED,
    /** The gateway refused, or the order was rejected before billing saw it placed ({@code ORDER_CANCELLED}). */
    DECLINED,
    /** Was authorized; the order was rejected and the hold released. */
    VOIDED,
    /** Tombstone: the order was rejected before billing saw it placed; it will never be charged. */
    CANCELLED
}
