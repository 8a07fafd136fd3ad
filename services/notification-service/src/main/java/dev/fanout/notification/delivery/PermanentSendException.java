package dev.fanout.notification.delivery;

/** The provider refused this message for good (an invalid recipient, say): no retry, the delivery is FAILED. */
public class PermanentSendException extends RuntimeException {

    public PermanentSendException(String message) {
        super(message);
    }

    public PermanentSendException(String message, Throwable cause) {
        super(message, cause);
    }
}
