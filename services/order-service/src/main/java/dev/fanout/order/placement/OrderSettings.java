package dev.fanout.order.placement;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code fanout.orders.*}: what a valid order is, and how long idempotency keys and cached reads live. */
@ConfigMapping(prefix = "fanout.orders")
public interface OrderSettings {

    /** ISO 4217 codes the shop sells in. */
    Set<String> currencies();

    int maxLines();

    int maxQuantity();

    BigDecimal maxUnitPrice();

    Duration idempotencyRetention();

    Cache cache();

    interface Cache {

        /** How long an order stays in Redis after it was last written or read from PostgreSQL. */
        Duration ttl();

        /** How long a read waits for Redis before answering from PostgreSQL instead. */
        Duration timeout();

        /** After a Redis failure, how long reads go straight to PostgreSQL before trying Redis again. */
        @WithDefault("1s")
        Duration retryAfter();

        @WithDefault("fanout:order:")
        String prefix();

        @WithDefault("fanout:customer:")
        String customerPrefix();

        /**
         * How long a customer's cached order list lives. Shorter than {@link #ttl()}: a list rebuilt while an order
         * was being placed may miss it, and this bounds how long.
         */
        @WithDefault("10m")
        java.time.Duration customerListTtl();

        /** At most this many of a customer's most recent orders are kept in the cached list. */
        @WithDefault("1000")
        int customerListLimit();
    }

    default OrderRules rules() {
        return new OrderRules(currencies(), maxLines(), maxQuantity(), maxUnitPrice());
    }
}
