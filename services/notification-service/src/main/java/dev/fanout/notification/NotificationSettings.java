package dev.fanout.notification;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code fanout.notifications.*}: which adapter sends email, how deliveries are dispatched, retried and kept. */
@ConfigMapping(prefix = "fanout.notifications")
public interface NotificationSettings {

    /** How email leaves the service. SMS always goes through the recording adapter (no SMS provider here). */
    enum SenderKind {
        /** Stores each message in {@code recorded_message} and logs it (the default; no external effect). */
        RECORDING,
        /** The reactive mailer ({@code quarkus.mailer.*}). */
        SMTP
    }

    /** {@code recording} or {@code smtp}. */
    @WithDefault("recording")
    SenderKind sender();

    /** Customers without stored preferences get email at {@code <customer id>@<this domain>}. */
    @WithDefault("customers.fanout.example")
    String defaultEmailDomain();

    /** Right-hand side of every {@code Message-ID}: {@code <notification id@this domain>}. */
    @WithDefault("notifications.fanout.example")
    String messageIdDomain();

    /**
     * Events older than this (by their {@code ce_time}) are not notified: their deliveries are recorded SKIPPED
     * ({@code stale}). Keeps a replay or a fresh consumer group from writing to customers about old orders.
     */
    @WithDefault("24h")
    Duration maxEventAge();

    /** How long finished deliveries (SENT, SKIPPED, FAILED) are kept; must be longer than max-event-age. */
    @WithDefault("30d")
    Duration retention();

    Dispatch dispatch();

    /** The dispatcher: sends PENDING deliveries, outside the Kafka consumers. */
    interface Dispatch {

        /** Off: deliveries are planned but stay PENDING (a kill switch while a provider misbehaves). */
        @WithDefault("true")
        boolean enabled();

        /**
         * How often the dispatcher looks for due deliveries (retries, leases that expired, other instances' work);
         * deliveries this instance plans wake it at once.
         */
        @WithDefault("1s")
        Duration pollInterval();

        /** Deliveries claimed per round (one statement). */
        @WithDefault("20")
        int batchSize();

        /** Attempts per delivery, the first included (lost attempts after a crash count too); then FAILED. */
        @WithDefault("5")
        int maxAttempts();

        /** Pause after the first failed attempt; doubles per attempt, with jitter. */
        @WithDefault("10s")
        Duration initialBackoff();

        /** Cap of the pause between attempts. */
        @WithDefault("10m")
        Duration maxBackoff();

        /** Longest a provider may take to accept one message; must be shorter than the lease. */
        @WithDefault("30s")
        Duration sendTimeout();

        /**
         * How long a claimed delivery belongs to the instance that claimed it. An attempt that has not reported back
         * by then (the instance died between claiming and marking) is taken again by any instance.
         */
        @WithDefault("2m")
        Duration lease();
    }
}
