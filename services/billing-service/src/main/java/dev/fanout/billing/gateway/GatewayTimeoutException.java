package dev.fanout.billing.gateway;

import dev.fanout.kit.consumer.TransientEventException;

/** The gateway did not answer in time (or was unavailable): worth another try, which the consumer pipeline makes. */
public class GatewayTimeoutException extends TransientEventException {

    public GatewayTimeoutException(String message) {
        super(message);
    }
}
