package dev.fanout.analytics.store;

import java.net.ConnectException;

/**
 * Redis did not answer: refused, closed, or no reply within {@code fanout.analytics.redis-timeout}. A
 * {@link ConnectException}, so the service kit's failure policy treats it as an outage: a consumer holds its
 * partition and waits for Redis (the event is fine, Redis is not) instead of dead-lettering good events. Reads turn
 * it into a 503 with Retry-After.
 */
public class RedisUnavailableException extends ConnectException {

    public RedisUnavailableException(String message, Throwable cause) {
        super(message);
        if (cause != null) {
            initCause(cause);
        }
    }
}
