package dev.fanout.kit.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import dev.fanout.events.DeadLetterHeaders;
import dev.fanout.events.EventDecodingException;
import dev.fanout.events.EventJson;
import dev.fanout.kit.consumer.ConsumerMetrics.Outcome;
import dev.fanout.kit.consumer.FailurePolicy.Kind;
import dev.fanout.kit.outbox.Transactions;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * How every Fanout consumer processes a record, so that no service hand-rolls it:
 * <ol>
 * <li>read the CloudEvents envelope and decode the body; an unreadable record is poison: dead-letter now;</li>
 * <li>event types the consumer does not handle are acknowledged (ignored);</li>
 * <li>in one transaction: claim the event id in the inbox, run the handler (which may add outbox events); a
 * duplicate has no second effect;</li>
 * <li>acknowledge only after the commit (the offset is committed after that);</li>
 * <li>on failure apply {@link FailurePolicy}: retry with backoff on this Vert.x context (the partition waits, so
 * per-key order holds), or nack: the connector's dead-letter strategy writes the record, with its original headers
 * and key and our cause headers, to {@code <service>.<topic>.dlq} and the consumer moves on.</li>
 * </ol>
 * The {@code @Incoming} method of a service is one line: {@code return pipeline.process(message, handlers);}
 */
@ApplicationScoped
public class EventPipeline {

    private static final Logger LOG = Logger.getLogger(EventPipeline.class);

    private final Inbox inbox;
    private final Transactions transactions;
    private final FailurePolicy policy;
    private final ConsumerMetrics metrics;
    private final ConsumerProgress progress;
    private final String service;
    private final String group;

    public EventPipeline(Inbox inbox, Transactions transactions, ConsumerSettings settings, ConsumerMetrics metrics,
            ConsumerProgress progress, @ConfigProperty(name = "quarkus.application.name") String service,
            @ConfigProperty(name = "mp.messaging.connector.smallrye-kafka.group.id") String group) {
        this.inbox = inbox;
        this.transactions = transactions;
        this.policy = new FailurePolicy(settings);
        this.metrics = metrics;
        this.progress = progress;
        this.service = service;
        this.group = group;
    }

    /** Processes one record; the returned Uni completes once it is acknowledged or dead-lettered. */
    @SuppressWarnings("unchecked")
    public Uni<Void> process(Message<byte[]> message, EventHandlers handlers) {
        IncomingKafkaRecordMetadata<String, byte[]> record = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("EventPipeline processes Kafka records only"));
        // the inbox belongs to the consumer group: a rebuild under a new group sees every event afresh
        String consumer = group + "/" + record.getTopic();
        Work work = new Work(message, record, consumer, Vertx.currentContext(), Instant.now());

        // a record redriven from another consumer's dead-letter topic is that consumer's business only
        String redriveFor = Envelope.header(record.getHeaders(), DeadLetterHeaders.REDRIVE_FOR);
        if (redriveFor != null && !redriveFor.equals(group)) {
            metrics.count(record.getTopic(), String.valueOf(Envelope.header(record.getHeaders(), "ce_type")),
                    Outcome.IGNORED);
            return Uni.createFrom().completionStage(message.ack());
        }

        ReceivedEvent<?> event;
        try {
            Envelope envelope = Envelope.read(record.getHeaders(), record.getTopic());
            Object payload = EventJson.decode(message.getPayload(), envelope.type().payloadClass());
            event = new ReceivedEvent<>(envelope.id(), (dev.fanout.events.EventType<Object>) envelope.type(),
                    envelope.source(), envelope.time(), envelope.subject(), record.getKey(), record.getTopic(),
                    record.getPartition(), record.getOffset(), payload,
                    new String(message.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (RuntimeException unreadable) {
            String type = Envelope.header(record.getHeaders(), "ce_type");
            return deadLetter(work, type == null ? "unknown" : "unreadable", unreadable, 1, "poison");
        }
        // every log line of this record's work carries its ids (the MDC lives in the record's Vert.x context)
        MDC.put("eventId", event.id().toString());
        MDC.put("eventType", event.type().type());
        MDC.put("orderId", String.valueOf(event.key()));
        var handler = handlers.handlerFor(event.type());
        if (handler.isEmpty()) {
            metrics.count(record.getTopic(), event.type().type(), Outcome.IGNORED);
            return Uni.createFrom().completionStage(message.ack());
        }
        String slot = consumer + "#" + record.getPartition();
        progress.started(slot, position(record));
        ReceivedEvent<?> received = event;
        return attempt(work, received, handler.get(), 1)
                .eventually(() -> progress.finished(slot));
    }

    private Uni<Void> attempt(Work work, ReceivedEvent<?> event, Function<ReceivedEvent<?>, Uni<Void>> handler,
            int attempt) {
        String topic = event.topic();
        String type = event.type().type();
        return transactions.write(() -> inbox.claim(work.consumer(), event.id(), type)
                .chain(fresh -> fresh
                        ? handler.apply(event).replaceWith(Outcome.SUCCESS)
                        : Uni.createFrom().item(Outcome.DUPLICATE)))
                .chain(outcome -> {
                    metrics.count(topic, type, outcome);
                    if (outcome == Outcome.SUCCESS) {
                        metrics.processed(topic, type, Duration.between(work.started(), Instant.now()), event.time());
                    } else {
                        LOG.debugf("%s: %s %s already processed, skipped", work.consumer(), type, event.id());
                    }
                    return Uni.createFrom().completionStage(work.message().ack());
                })
                .onFailure().recoverWithUni(failure -> {
                    Kind kind = FailurePolicy.classify(failure);
                    Duration waited = Duration.between(work.started(), Instant.now());
                    if (policy.mayRetry(kind, attempt, waited)) {
                        Duration pause = policy.backoff(kind, attempt);
                        metrics.count(topic, type, Outcome.RETRIED);
                        progress.retrying(work.consumer() + "#" + work.record().getPartition(), attempt + 1,
                                rootCause(failure));
                        LOG.warnf("%s: %s %s at %s failed (%s, attempt %d): %s; retrying in %d ms", work.consumer(),
                                type, event.id(), event.position(), kind.name().toLowerCase(), attempt,
                                describe(rootCause(failure)), pause.toMillis());
                        return pauseOn(work.context(), pause).chain(() -> attempt(work, event, handler, attempt + 1));
                    }
                    return deadLetter(work, type, failure, attempt,
                            kind == Kind.PERMANENT ? "rejected" : "exhausted");
                });
    }

    private Uni<Void> deadLetter(Work work, String eventType, Throwable failure, int attempts, String category) {
        Throwable root = rootCause(failure);
        String reason = switch (category) {
            case "poison" -> "poison record: " + describe(root);
            case "rejected" -> "rejected: " + describe(root);
            default -> "retries exhausted after " + attempts + " attempts: " + describe(root);
        };
        metrics.count(work.record().getTopic(), eventType, Outcome.DEAD_LETTERED);
        LOG.errorf("%s: dead-lettering %s at %s/%d@%d: %s", work.consumer(), eventType, work.record().getTopic(),
                work.record().getPartition(), work.record().getOffset(), reason);
        List<RecordHeader> headers = List.of(
                header(DeadLetterHeaders.SERVICE, service),
                header(DeadLetterHeaders.CONSUMER, work.consumer()),
                header(DeadLetterHeaders.CATEGORY, category),
                header(DeadLetterHeaders.EXCEPTION, root.getClass().getName()),
                header(DeadLetterHeaders.MESSAGE, String.valueOf(root.getMessage())),
                header(DeadLetterHeaders.ATTEMPTS, Integer.toString(attempts)),
                header(DeadLetterHeaders.FAILED_AT, Instant.now().toString()));
        Metadata metadata = Metadata.of(OutgoingKafkaRecordMetadata.builder().withHeaders(headers).build());
        return Uni.createFrom().completionStage(work.message().nack(new DeadLetterException(reason, root), metadata));
    }

    /** Waits without blocking, then continues on the record's Vert.x context (Hibernate Reactive needs it). */
    private static Uni<Void> pauseOn(Context context, Duration pause) {
        Uni<Void> delay = Uni.createFrom().voidItem().onItem().delayIt().by(pause);
        return context == null ? delay : delay.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }

    private static String position(IncomingKafkaRecordMetadata<?, ?> record) {
        return record.getTopic() + "/" + record.getPartition() + "@" + record.getOffset();
    }

    private static RecordHeader header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        // our own exceptions carry the sentence worth reporting; below them is a library's detail
        while (root.getCause() != null && root.getCause() != root && !(root instanceof PermanentEventException)
                && !(root instanceof PoisonEventException) && !(root instanceof EventDecodingException)) {
            root = root.getCause();
        }
        return root;
    }

    private static String describe(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private record Work(Message<byte[]> message, IncomingKafkaRecordMetadata<String, byte[]> record, String consumer,
            Context context, Instant started) {
    }
}
