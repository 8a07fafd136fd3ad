package dev.fanout.kit.consumer;

/** Worth another try: retried with backoff (the partition waits), dead-lettered when the attempts run out. */
public class TransientEventException extends RuntimeException {

    public TransientEventException(String message) {
        super(message);
    }

    public TransientEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
