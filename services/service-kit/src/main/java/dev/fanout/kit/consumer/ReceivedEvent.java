package dev.fanout.kit.consumer;

import java.time.Instant;
import java.util.UUID;

import dev.fanout.events.EventType;

/**
 * An event as a handler sees it: the decoded body plus its envelope (CloudEvents attributes and where it was read),
 * and the body exactly as it arrived ({@code json}: what an audit trail keeps, unknown fields included).
 */
public record ReceivedEvent<T>(UUID id, EventType<T> type, String source, Instant time, String subject, String key,
        String topic, int partition, long offset, T payload, String json) {

    /** {@code topic/partition@offset}, for logs. */
    public String position() {
        return topic + "/" + partition + "@" + offset;
    }
}
