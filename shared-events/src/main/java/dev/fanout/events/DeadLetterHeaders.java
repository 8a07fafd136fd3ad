package dev.fanout.events;

/**
 * The headers of a dead-lettered record: what every Fanout consumer writes (docs/failure-policy.md) and the ops CLI
 * reads. A dead letter keeps its original key, value and headers ({@code ce_id} included); the connector adds the
 * {@code dead-letter-*} headers, the consumer the {@code fanout-dlq-*} ones.
 */
public final class DeadLetterHeaders {

    /** Connector: why ({@code poison record: ...}, {@code rejected: ...}, {@code retries exhausted ...}). */
    public static final String REASON = "dead-letter-reason";
    /** Connector: the message of the cause. */
    public static final String CAUSE = "dead-letter-cause";
    /** Connector: the source topic, partition and offset. */
    public static final String SOURCE_TOPIC = "dead-letter-topic";
    public static final String SOURCE_PARTITION = "dead-letter-partition";
    public static final String SOURCE_OFFSET = "dead-letter-offset";

    /** The service that gave up on the record. */
    public static final String SERVICE = "fanout-dlq-service";
    /** The consumer ({@code <service>/<topic>}): also the inbox name, which redrive relies on. */
    public static final String CONSUMER = "fanout-dlq-consumer";
    /** {@code poison} (unreadable), {@code rejected} (broke a rule), {@code exhausted} (retries ran out). */
    public static final String CATEGORY = "fanout-dlq-category";
    /** Class of the root cause. */
    public static final String EXCEPTION = "fanout-dlq-exception";
    /** Message of the root cause. */
    public static final String MESSAGE = "fanout-dlq-message";
    /** How many times processing was tried. */
    public static final String ATTEMPTS = "fanout-dlq-attempts";
    /** When the consumer gave up (ISO-8601 UTC). */
    public static final String FAILED_AT = "fanout-dlq-failed-at";
    /** Set by the ops CLI on a redriven record: where it was redriven from ({@code <dlq topic>/<partition>/<offset>}). */
    public static final String REDRIVEN_FROM = "fanout-redriven-from";
    /**
     * Set by the ops CLI on a redriven record: the consumer group it is meant for. Other groups of the source topic
     * acknowledge it without processing (they either handled the event already or dead-lettered it themselves).
     */
    public static final String REDRIVE_FOR = "fanout-redrive-for";

    private DeadLetterHeaders() {
    }
}
