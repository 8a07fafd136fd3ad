package dev.fanout.kit.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

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
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
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
 * The {@code @Incoming} method of a service is one line: {@code return pipeline.processBatch(batch, handlers);} for a
 * channel with {@code batch=true} (every Fanout channel: steps 3 and 4 run for a whole poll in one transaction, see
 * {@link #processBatch}), or {@code return pipeline.process(message, handlers);} for a record at a time.
 */
@ApplicationScoped
public class EventPipeline {

    private static final Logger LOG = Logger.getLogger(EventPipeline.class);

    private final Inbox inbox;
    private final Transactions transactions;
    private final FailurePolicy policy;
    private final ConsumerMetrics metrics;
    private final ConsumerProgress progress;
    private final EventTracing tracing;
    private final String service;
    private final String group;
    private volatile boolean stopping;

    public EventPipeline(Inbox inbox, Transactions transactions, ConsumerSettings settings, ConsumerMetrics metrics,
            ConsumerProgress progress, EventTracing tracing, @ConfigProperty(name = "quarkus.application.name") String service,
            @ConfigProperty(name = "mp.messaging.connector.smallrye-kafka.group.id") String group) {
        this.inbox = inbox;
        this.transactions = transactions;
        this.policy = new FailurePolicy(settings);
        this.metrics = metrics;
        this.progress = progress;
        this.tracing = tracing;
        this.service = service;
        this.group = group;
    }

    /** Processes one record; the returned Uni completes once it is acknowledged or dead-lettered. */
    public Uni<Void> process(Message<byte[]> message, EventHandlers handlers) {
        Prepared prepared = prepare(message, handlers, Instant.now());
        if (prepared.skip()) {
            return Uni.createFrom().completionStage(message.ack());
        }
        if (prepared.poison() != null) {
            return deadLetter(prepared.work(), prepared.poisonType(), prepared.poison(), 1, "poison");
        }
        return attemptTracked(prepared);
    }

    /**
     * Processes a batch of records (a channel with {@code batch=true}) in ONE transaction: the inbox claims and every
     * handler, in record order, then one commit and one acknowledgement. Under load this turns a commit per event
     * into a commit per poll. Poison records are dead-lettered one by one; if the batch transaction fails for any
     * reason, the batch is processed again record by record, each with the full failure policy, so one bad event
     * never takes its neighbours down with it (the event whose handler failed the batch counts that as its first
     * attempt: an external call is not made once more than the policy allows).
     */
    public Uni<Void> processBatch(KafkaRecordBatch<String, byte[]> batch, EventHandlers handlers) {
        Instant started = Instant.now();
        List<Prepared> events = new ArrayList<>();
        Uni<Void> poison = Uni.createFrom().voidItem();
        for (KafkaRecord<String, byte[]> record : batch.getRecords()) {
            Prepared prepared = prepare(record, handlers, started);
            if (prepared.poison() != null) {
                poison = poison.chain(() -> deadLetter(prepared.work(), prepared.poisonType(), prepared.poison(), 1,
                        "poison"));
            } else if (!prepared.skip()) {
                events.add(prepared);
            }
        }
        if (events.isEmpty()) {
            return poison.chain(() -> Uni.createFrom().completionStage(batch.ack()));
        }
        int[] failedAt = { -1 };
        return poison.chain(() -> inOneTransaction(events, failedAt)
                .onFailure().recoverWithUni(failure -> {
                    LOG.debugf("batch of %d on %s failed at %d (%s); processing it record by record", events.size(),
                            events.get(0).work().consumer(), failedAt[0], describe(rootCause(failure)));
                    Uni<Void> oneByOne = Uni.createFrom().voidItem();
                    for (int i = 0; i < events.size(); i++) {
                        Prepared event = events.get(i);
                        // the event whose handler failed has had its first attempt; the others have not
                        Throwable first = i == failedAt[0] ? failure : null;
                        oneByOne = oneByOne.chain(() -> tracing.around(event.work().record(), group,
                                () -> attemptTracked(event, first)));
                    }
                    return oneByOne;
                }))
                .chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    /** The batch's transaction; if a handler fails, {@code failedAt[0]} says whose (a failed commit leaves -1). */
    private Uni<Void> inOneTransaction(List<Prepared> events, int[] failedAt) {
        List<Outcome> outcomes = new ArrayList<>();
        // one consumer (group/topic) per batch: a batch is one poll of one channel
        String consumer = events.get(0).work().consumer();
        List<Inbox.Claim> claims = events.stream()
                .map(e -> new Inbox.Claim(e.event().id(), e.event().type().type())).toList();
        return transactions.write(() -> inbox.claimAll(consumer, claims).chain(fresh -> {
            outcomes.clear();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (int i = 0; i < events.size(); i++) {
                Prepared event = events.get(i);
                int index = i;
                outcomes.add(fresh[i] ? Outcome.SUCCESS : Outcome.DUPLICATE);
                if (fresh[i]) {
                    chain = chain.chain(() -> tracing.around(event.work().record(), group,
                            () -> event.handler().apply(event.event()).onFailure().invoke(() -> failedAt[0] = index)));
                }
            }
            return chain;
        })).invoke(() -> {
            for (int i = 0; i < events.size(); i++) {
                recordOutcome(events.get(i), outcomes.get(i));
            }
        });
    }

    /** Reads a record into an event ready to handle, a record to skip, or poison. Never throws. */
    @SuppressWarnings("unchecked")
    private Prepared prepare(Message<byte[]> message, EventHandlers handlers, Instant started) {
        IncomingKafkaRecordMetadata<String, byte[]> record = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("EventPipeline processes Kafka records only"));
        // the inbox belongs to the consumer group: a rebuild under a new group sees every event afresh
        String consumer = group + "/" + record.getTopic();
        Work work = new Work(message, record, consumer, Vertx.currentContext(), started);

        // a record redriven from another consumer's dead-letter topic is that consumer's business only
        String redriveFor = Envelope.header(record.getHeaders(), DeadLetterHeaders.REDRIVE_FOR);
        if (redriveFor != null && !redriveFor.equals(group)) {
            metrics.count(record.getTopic(), String.valueOf(Envelope.header(record.getHeaders(), "ce_type")),
                    Outcome.IGNORED);
            return Prepared.skipped(work);
        }
        ReceivedEvent<?> event;
        try {
            Envelope envelope = Envelope.read(record.getHeaders(), record.getTopic());
            Object payload = EventJson.decode(message.getPayload(), envelope.type().payloadClass());
            event = new ReceivedEvent<>(envelope.id(), (dev.fanout.events.EventType<Object>) envelope.type(),
                    envelope.source(), envelope.time(), envelope.subject(), record.getKey(), record.getTopic(),
                    record.getPartition(), record.getOffset(), payload,
                    new String(message.getPayload(), StandardCharsets.UTF_8));
        } catch (RuntimeException unreadable) {
            String type = Envelope.header(record.getHeaders(), "ce_type");
            return Prepared.poisoned(work, type == null ? "unknown" : "unreadable", unreadable);
        }
        var handler = handlers.handlerFor(event.type());
        if (handler.isEmpty()) {
            metrics.count(record.getTopic(), event.type().type(), Outcome.IGNORED);
            return Prepared.skipped(work);
        }
        return new Prepared(work, event, handler.get(), null, null);
    }

    /** One event alone, in its own transaction(s), with the failure policy and stuck-partition tracking. */
    private Uni<Void> attemptTracked(Prepared prepared) {
        return attemptTracked(prepared, null);
    }

    /** As above; {@code firstFailure}, if any, is how its first attempt (in a batch) already failed. */
    private Uni<Void> attemptTracked(Prepared prepared, Throwable firstFailure) {
        ReceivedEvent<?> event = prepared.event();
        // every log line of this record's work carries its ids (the MDC lives in the record's Vert.x context)
        MDC.put("eventId", event.id().toString());
        MDC.put("eventType", event.type().type());
        MDC.put("orderId", String.valueOf(event.key()));
        String slot = prepared.work().consumer() + "#" + event.partition();
        progress.started(slot, event.position());
        Uni<Void> attempts = firstFailure == null ? attempt(prepared.work(), event, prepared.handler(), 1)
                : afterFailure(prepared.work(), event, prepared.handler(), 1, firstFailure);
        return attempts.eventually(() -> progress.finished(slot));
    }

    private void recordOutcome(Prepared prepared, Outcome outcome) {
        ReceivedEvent<?> event = prepared.event();
        metrics.count(event.topic(), event.type().type(), outcome);
        if (outcome == Outcome.SUCCESS) {
            metrics.processed(event.topic(), event.type().type(),
                    Duration.between(prepared.work().started(), Instant.now()), event.time());
        }
    }

    private Uni<Void> attempt(Work work, ReceivedEvent<?> event, Function<ReceivedEvent<?>, Uni<Void>> handler,
            int attempt) {
        String type = event.type().type();
        return transactions.write(() -> inbox.claim(work.consumer(), event.id(), type)
                .chain(fresh -> fresh
                        ? handler.apply(event).replaceWith(Outcome.SUCCESS)
                        : Uni.createFrom().item(Outcome.DUPLICATE)))
                .chain(outcome -> {
                    recordOutcome(new Prepared(work, event, handler, null, null), outcome);
                    if (outcome == Outcome.DUPLICATE) {
                        LOG.debugf("%s: %s %s already processed, skipped", work.consumer(), type, event.id());
                    }
                    return Uni.createFrom().completionStage(work.message().ack());
                })
                .onFailure().recoverWithUni(failure -> afterFailure(work, event, handler, attempt, failure));
    }

    /**
     * The service is stopping: its pools close while the connector may still be handing out records, so what fails
     * from now on fails because of the shutdown, not because of the event.
     */
    void stopping(@Observes ShutdownEvent shutdown) {
        stopping = true;
    }

    /** The failure policy for a failed attempt: another attempt after a back-off, or the dead-letter topic. */
    private Uni<Void> afterFailure(Work work, ReceivedEvent<?> event, Function<ReceivedEvent<?>, Uni<Void>> handler,
            int attempt, Throwable failure) {
        String type = event.type().type();
        if (stopping) {
            // neither retried nor dead-lettered: left unacknowledged, its offset is not committed and the group's
            // next owner of the partition (this service after its restart, or another instance) processes it again
            LOG.infof("%s: %s %s at %s failed while the service stops (%s); left for redelivery", work.consumer(),
                    type, event.id(), event.position(), describe(rootCause(failure)));
            return Uni.createFrom().nothing();
        }
        Kind kind = FailurePolicy.classify(failure);
        Duration waited = Duration.between(work.started(), Instant.now());
        if (policy.mayRetry(kind, attempt, waited)) {
            Duration pause = policy.backoff(kind, attempt);
            metrics.count(event.topic(), type, Outcome.RETRIED);
            progress.retrying(work.consumer() + "#" + work.record().getPartition(), attempt + 1, rootCause(failure));
            LOG.warnf("%s: %s %s at %s failed (%s, attempt %d): %s; retrying in %d ms", work.consumer(), type,
                    event.id(), event.position(), kind.name().toLowerCase(), attempt, describe(rootCause(failure)),
                    pause.toMillis());
            return pauseOn(work.context(), pause).chain(() -> attempt(work, event, handler, attempt + 1));
        }
        return deadLetter(work, type, failure, attempt, kind == Kind.PERMANENT ? "rejected" : "exhausted");
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

    /** A record read: an event with its handler, a record to acknowledge and skip, or poison with its cause. */
    private record Prepared(Work work, ReceivedEvent<?> event, Function<ReceivedEvent<?>, Uni<Void>> handler,
            String poisonType, Throwable poison) {

        static Prepared skipped(Work work) {
            return new Prepared(work, null, null, null, null);
        }

        static Prepared poisoned(Work work, String type, Throwable cause) {
            return new Prepared(work, null, null, type, cause);
        }

        boolean skip() {
            return event == null && poison == null;
        }
    }
}
