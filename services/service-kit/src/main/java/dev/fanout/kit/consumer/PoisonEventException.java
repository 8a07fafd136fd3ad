package dev.fanout.kit.consumer;

/** The record is not a readable event: bad headers, unknown type, undecodable body. Dead-lettered at once. */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
