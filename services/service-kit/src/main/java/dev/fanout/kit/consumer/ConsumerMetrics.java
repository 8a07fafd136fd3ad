package dev.fanout.kit.consumer;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Per topic and event type: events by outcome, processing time, and the age of each event when it was processed
 * (now minus its {@code ce_time}): the latency of this hop of the journey. Tags stay low-cardinality: no ids.
 */
@ApplicationScoped
public class ConsumerMetrics {

    public enum Outcome {
        SUCCESS, DUPLICATE, IGNORED, RETRIED, DEAD_LETTERED;

        String tag() {
            return name().toLowerCase();
        }
    }

    private final MeterRegistry registry;

    public ConsumerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void count(String topic, String eventType, Outcome outcome) {
        Counter.builder("fanout.consumer.events").description("Events handled by this service's consumers")
                .tag("topic", topic).tag("event_type", eventType).tag("outcome", outcome.tag())
                .register(registry).increment();
    }

    public void processed(String topic, String eventType, Duration processing, Instant eventTime) {
        Timer.builder("fanout.consumer.processing").description("Time to process one event, retries included")
                .tag("topic", topic).tag("event_type", eventType).publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofMinutes(1))
                .register(registry).record(processing);
        if (eventTime != null) {
            Duration age = Duration.between(eventTime, Instant.now());
            Timer.builder("fanout.event.age")
                    .description("Age of an event when this service had processed it: the latency of this hop")
                    .tag("topic", topic).tag("event_type", eventType).publishPercentileHistogram()
                    .maximumExpectedValue(Duration.ofHours(1))
                    .register(registry).record(age.isNegative() ? Duration.ZERO : age);
        }
    }
}
