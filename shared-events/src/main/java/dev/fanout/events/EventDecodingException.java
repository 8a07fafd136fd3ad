package dev.fanout.events;

/** The bytes are not a valid body of the event type they claim to be. Retrying cannot help. */
public class EventDecodingException extends RuntimeException {

    public EventDecodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
