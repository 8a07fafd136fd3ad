package dev.fanout.notification;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import dev.fanout.notification.delivery.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What happened to deliveries, counted after the change committed: {@code fanout.notifications{channel,result}};
 * and what is open now (gauges refreshed by the dispatcher). Tags are channels, results and statuses, never ids.
 */
@ApplicationScoped
public class NotificationMetrics {

    /** What one delivery did. */
    public enum Result {
        /** planned: PENDING, to be sent. */
        PLANNED,
        /** planned while the order's customer is unknown (a shipment seen before its order): WAITING. */
        WAITING,
        /** the provider accepted it and it was marked SENT (NotificationSent in the outbox). */
        SENT,
        /** not sent on purpose: opted out, no phone number, stale event. */
        SKIPPED,
        /** an attempt failed; another is scheduled. */
        RETRIED,
        /** no more attempts: FAILED. */
        FAILED,
        /** an event about an order step that was already notified (a re-publication under a new event id). */
        DUPLICATE,
        /** an attempt never reported back (crash or hang) and the delivery was claimed again: the duplicate window. */
        RECOVERED,
        /** an attempt finished after its lease had expired and another claim had taken over: not marked. */
        OVERTAKEN;

        String tag() {
            return name().toLowerCase();
        }
    }

    private final MeterRegistry registry;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong waiting = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong oldestPendingMillis = new AtomicLong();

    public NotificationMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("fanout.notifications.deliveries", pending, AtomicLong::get).tag("status", "pending")
                .description("Deliveries by open status: pending (to send), waiting (customer unknown), failed")
                .register(registry);
        Gauge.builder("fanout.notifications.deliveries", waiting, AtomicLong::get).tag("status", "waiting")
                .description("Deliveries by open status: pending (to send), waiting (customer unknown), failed")
                .register(registry);
        Gauge.builder("fanout.notifications.deliveries", failed, AtomicLong::get).tag("status", "failed")
                .description("Deliveries by open status: pending (to send), waiting (customer unknown), failed")
                .register(registry);
        Gauge.builder("fanout.notifications.pending.oldest.age", oldestPendingMillis, v -> v.get() / 1000.0)
                .baseUnit("seconds").description("Age of the oldest PENDING delivery (0 when none)")
                .register(registry);
    }

    public void count(Channel channel, Result result) {
        count(channel, result, 1);
    }

    public void count(Channel channel, Result result, long times) {
        if (times <= 0) {
            return;
        }
        Counter.builder("fanout.notifications").description("Notification deliveries by channel and result")
                .tag("channel", channel.tag()).tag("result", result.tag()).register(registry).increment(times);
    }

    /** The dispatcher's periodic look at the delivery table. */
    public void open(long pendingNow, long waitingNow, long failedNow, Duration oldestPending) {
        pending.set(pendingNow);
        waiting.set(waitingNow);
        failed.set(failedNow);
        oldestPendingMillis.set(oldestPending.toMillis());
    }
}
