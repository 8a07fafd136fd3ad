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
    }

    default OrderRules rules() {
        return new OrderRules(currencies(), maxLines(), maxQuantity(), maxUnitPrice());
    }
}
