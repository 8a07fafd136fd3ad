package dev.fanout.billing.gateway;

import dev.fanout.kit.consumer.PermanentEventException;

/**
 * The gateway will never accept this request as it is (an idempotency key reused for a different charge, an
 * authorization it never granted). Not a decline: a contradiction somebody has to look at, so it is dead-lettered.
 */
public class GatewayRequestRefusedException extends PermanentEventException {

    public GatewayRequestRefusedException(String message) {
        super(message);
    }
}
