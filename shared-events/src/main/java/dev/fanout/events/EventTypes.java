package dev.fanout.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.fanout.events.order.OrderPlaced;

/** Every event contract of the platform, by CloudEvents type. */
public final class EventTypes {

    public static final EventType<OrderPlaced> ORDER_PLACED =
            new EventType<>("fanout.order.placed.v1", OrderPlaced.class, Topics.ORDERS);

    public static final List<EventType<?>> ALL = List.of(ORDER_PLACED);

    private static final Map<String, EventType<?>> BY_TYPE = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));

    private EventTypes() {
    }

    public static Optional<EventType<?>> byType(String ceType) {
        return Optional.ofNullable(ceType).map(BY_TYPE::get);
    }
}
