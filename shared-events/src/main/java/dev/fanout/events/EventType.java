package dev.fanout.events;

import java.util.Objects;

/**
 * One version of one event contract: its CloudEvents type, the record that carries its body, the topic it lives on.
 * A breaking change is a new type (and a new topic version), never an edit of an existing one.
 */
public record EventType<T>(String type, Class<T> payloadClass, String topic) {

    public EventType {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payloadClass, "payloadClass");
        Objects.requireNonNull(topic, "topic");
        if (!type.matches("fanout\\.[a-z]+\\.[a-z-]+\\.v\\d+")) {
            throw new IllegalArgumentException("event type must look like fanout.<domain>.<event>.v<N>: " + type);
        }
    }
}
