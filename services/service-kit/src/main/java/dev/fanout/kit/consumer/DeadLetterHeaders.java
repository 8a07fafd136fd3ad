package dev.fanout.kit.consumer;

/**
 * @deprecated the header names moved to {@link dev.fanout.events.DeadLetterHeaders} (shared-events), where the ops
 *             CLI reads them too. Kept only until every test imports the new class.
 */
@Deprecated(forRemoval = true)
public final class DeadLetterHeaders {

    public static final String SERVICE = dev.fanout.events.DeadLetterHeaders.SERVICE;
    public static final String CONSUMER = dev.fanout.events.DeadLetterHeaders.CONSUMER;
    public static final String CATEGORY = dev.fanout.events.DeadLetterHeaders.CATEGORY;
    public static final String EXCEPTION = dev.fanout.events.DeadLetterHeaders.EXCEPTION;
    public static final String MESSAGE = dev.fanout.events.DeadLetterHeaders.MESSAGE;
    public static final String ATTEMPTS = dev.fanout.events.DeadLetterHeaders.ATTEMPTS;
    public static final String FAILED_AT = dev.fanout.events.DeadLetterHeaders.FAILED_AT;

    private DeadLetterHeaders() {
    }
}
