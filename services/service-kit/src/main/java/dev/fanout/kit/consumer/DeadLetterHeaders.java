package dev.fanout.kit.consumer;

/**
 * Headers a Fanout consumer adds to a dead-lettered record, beside the connector's own ({@code dead-letter-reason},
 * {@code dead-letter-cause}, {@code dead-letter-topic}, {@code dead-letter-partition}, {@code dead-letter-offset},
 * {@code dead-letter-exception-class-name}) and every original header, {@code ce_id} included, under the original
 * key. The ops CLI reads them.
 */
public final class DeadLetterHeaders {

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
    /** Set by the ops CLI on a redriven record: how many times it was redriven. */
    public static final String REDRIVEN = "fanout-redriven";

    private DeadLetterHeaders() {
    }
}
