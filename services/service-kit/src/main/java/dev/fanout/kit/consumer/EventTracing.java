package dev.fanout.kit.consumer;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * A consumer span per event of a batch. The connector traces a single-record channel itself, but a batch channel
 * hands over a whole poll: this span, a child of the trace the record carries, is current while the event is
 * handled, so the events its handler adds to the outbox continue that trace. A no-op while tracing is off.
 */
@ApplicationScoped
public class EventTracing {

    private static final TextMapGetter<Headers> KAFKA_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            return StreamSupport.stream(headers.spliterator(), false).map(Header::key).toList();
        }

        @Override
        public String get(Headers headers, String key) {
            Header header = headers == null ? null : headers.lastHeader(key);
            return header == null || header.value() == null ? null
                    : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    public EventTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("dev.fanout.kit.consumer");
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    /** Runs {@code work} (subscribed lazily) with a {@code <topic> process} span current until it completes. */
    public Uni<Void> around(IncomingKafkaRecordMetadata<?, ?> record, String consumerGroup, Supplier<Uni<Void>> work) {
        return Uni.createFrom().deferred(() -> {
            Context parent = propagator.extract(Context.root(), record.getHeaders(), KAFKA_HEADERS);
            Span span = tracer.spanBuilder(record.getTopic() + " process").setParent(parent)
                    .setSpanKind(SpanKind.CONSUMER)
                    .setAttribute("messaging.system", "kafka")
                    .setAttribute("messaging.operation", "process")
                    .setAttribute("messaging.destination.name", record.getTopic())
                    .setAttribute("messaging.consumer.group.name", consumerGroup)
                    .setAttribute("messaging.destination.partition.id", String.valueOf(record.getPartition()))
                    .setAttribute("messaging.kafka.offset", record.getOffset())
                    .startSpan();
            if (!span.getSpanContext().isValid()) {
                return work.get();
            }
            Scope scope = span.makeCurrent();
            Uni<Void> handled;
            try {
                handled = work.get();
            } catch (RuntimeException e) {
                scope.close();
                span.recordException(e);
                span.setStatus(StatusCode.ERROR);
                span.end();
                throw e;
            }
            return handled
                    .onFailure().invoke(failure -> {
                        span.recordException(failure);
                        span.setStatus(StatusCode.ERROR);
                    })
                    .eventually(() -> {
                        scope.close();
                        span.end();
                    });
        });
    }
}
