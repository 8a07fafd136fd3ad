package dev.fanout.kit.consumer;

/**
 * Why a record went to the dead-letter topic: becomes the {@code dead-letter-reason} header; the original failure
 * becomes {@code dead-letter-cause}.
 */
public class DeadLetterException extends RuntimeException {

    public DeadLetterException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
