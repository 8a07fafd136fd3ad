package dev.fanout.order.read;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.fanout.order.api.OrderView;
import dev.fanout.order.domain.Order;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Order reads: Redis first, PostgreSQL on a miss (which then fills Redis). Redis being slow or down costs latency,
 * never an answer.
 */
@ApplicationScoped
public class OrderReads {

    /** Where an answer came from; the API says so in a header, metrics count it. */
    public enum Source {
        CACHE, DATABASE
    }

    /** An order's JSON as the API returns it. */
    public record Read(String json, Source source) {
    }

    private final OrderCache cache;
    private final ObjectMapper json;

    public OrderReads(OrderCache cache, ObjectMapper json) {
        this.cache = cache;
        this.json = json;
    }

    /** The order, or null when there is no such order. */
    public Uni<Read> find(UUID orderId) {
        return cache.get(orderId).chain(cached -> cached != null
                ? Uni.createFrom().item(new Read(cached, Source.CACHE))
                : Panache.withSession(() -> Order.<Order>findById(orderId)).chain(order -> {
                    if (order == null) {
                        return Uni.createFrom().nullItem();
                    }
                    String body = toJson(OrderView.of(order));
                    return cache.put(orderId, body).replaceWith(new Read(body, Source.DATABASE));
                }));
    }

    /** Write-through after a change: the next read of this order is a cache hit with the new state. */
    public Uni<Void> remember(OrderView view) {
        return cache.put(view.id(), toJson(view));
    }

    public String toJson(OrderView view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise order " + view.id(), e);
        }
    }
}
