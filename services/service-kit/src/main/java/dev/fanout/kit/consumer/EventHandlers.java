package dev.fanout.kit.consumer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import dev.fanout.events.EventType;
import io.smallrye.mutiny.Uni;

/**
 * Which event types a consumer acts on, and how. Each handler runs inside the consumer's transaction, after the
 * event id was claimed in the inbox: it must do its work (and add outbox events) in that same transaction.
 * Event types of the topic that are not listed are acknowledged and counted as ignored.
 */
public final class EventHandlers {

    private final Map<EventType<?>, Function<ReceivedEvent<?>, Uni<Void>>> handlers = new LinkedHashMap<>();

    private EventHandlers() {
    }

    public static EventHandlers create() {
        return new EventHandlers();
    }

    @SuppressWarnings("unchecked")
    public <T> EventHandlers on(EventType<T> type, Function<ReceivedEvent<T>, Uni<Void>> handler) {
        if (handlers.putIfAbsent(type, event -> handler.apply((ReceivedEvent<T>) event)) != null) {
            throw new IllegalArgumentException("two handlers for " + type.type());
        }
        return this;
    }

    Optional<Function<ReceivedEvent<?>, Uni<Void>>> handlerFor(EventType<?> type) {
        return Optional.ofNullable(handlers.get(type));
    }

    Set<EventType<?>> types() {
        return handlers.keySet();
    }
}
