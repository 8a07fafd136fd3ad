package dev.fanout.order.domain;

/** PENDING until billing and fulfilment answered; then CONFIRMED or REJECTED; CONFIRMED orders become SHIPPED. */
public enum OrderStatus {
    PENDING, CONFIRMED, REJECTED, SHIPPED
}
