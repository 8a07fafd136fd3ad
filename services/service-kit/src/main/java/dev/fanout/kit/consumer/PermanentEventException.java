package dev.fanout.kit.consumer;

/**
 * The event can never be processed as it is (it breaks a business rule, refers to something that does not exist).
 * Goes to the dead-letter topic at once, with this message as its cause; the consumer moves on.
 */
public class PermanentEventException extends RuntimeException {

    public PermanentEventException(String message) {
        super(message);
    }

    public PermanentEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
