package dev.fanout.order.read;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.fanout.order.api.OrderView;
import dev.fanout.order.domain.Order;
import dev.fanout.order.placement.OrderSettings;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
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

    /** One page of a customer's orders, most recent first: their JSON, the total count, where it came from. */
    public record CustomerPage(List<String> orders, long total, Source source) {
    }

    private final OrderCache cache;
    private final ObjectMapper json;
    private final int customerListLimit;

    public OrderReads(OrderCache cache, ObjectMapper json, OrderSettings settings) {
        this.cache = cache;
        this.json = json;
        this.customerListLimit = settings.cache().customerListLimit();
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

    /** A page of a customer's orders, most recent first. */
    public Uni<CustomerPage> customerOrders(String customerId, int page, int size) {
        return cache.page(customerId, page, size).chain(ids -> ids == null
                ? customerOrdersFromDatabase(customerId, page, size)
                : ordersInOrder(ids.orderIds()).map(orders -> new CustomerPage(orders, ids.total(), Source.CACHE)));
    }

    /** The JSON of these orders in this order: from Redis, the missing ones from PostgreSQL (then cached). */
    private Uni<List<String>> ordersInOrder(List<UUID> ids) {
        return cache.getAll(ids).chain(cached -> {
            List<UUID> missing = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                if (cached.get(i) == null) {
                    missing.add(ids.get(i));
                }
            }
            if (missing.isEmpty()) {
                return Uni.createFrom().item(cached);
            }
            return Panache.withSession(() -> Order.<Order>list("id in ?1", missing)).chain(loaded -> {
                Map<UUID, String> bodies = loaded.stream()
                        .collect(Collectors.toMap(o -> o.id, o -> toJson(OrderView.of(o))));
                List<String> all = new ArrayList<>(ids.size());
                for (int i = 0; i < ids.size(); i++) {
                    String body = cached.get(i) != null ? cached.get(i) : bodies.get(ids.get(i));
                    if (body != null) {
                        all.add(body);
                    }
                }
                Uni<Void> fill = Uni.createFrom().voidItem();
                for (Map.Entry<UUID, String> entry : bodies.entrySet()) {
                    fill = fill.chain(() -> cache.put(entry.getKey(), entry.getValue()));
                }
                return fill.replaceWith(all);
            });
        });
    }

    private Uni<CustomerPage> customerOrdersFromDatabase(String customerId, int page, int size) {
        return Panache.withSession(() -> Order.<Order>find("customerId", Sort.descending("placedAt", "id"),
                customerId).page(page, size).list()
                .chain(orders -> Order.count("customerId", customerId).chain(total -> recentIds(customerId)
                        .chain(recent -> cache.putCustomer(customerId, recent))
                        .replaceWith(new CustomerPage(orders.stream().map(o -> toJson(OrderView.of(o))).toList(),
                                total, Source.DATABASE)))));
    }

    /** The customer's most recent order ids with their placement time, to rebuild the cached list. */
    private Uni<Map<UUID, Long>> recentIds(String customerId) {
        return Order.<Order>find("customerId", Sort.descending("placedAt"), customerId)
                .page(0, customerListLimit).list()
                .map(orders -> orders.stream().collect(Collectors.toMap(o -> o.id, o -> o.placedAt.toEpochMilli(),
                        (a, b) -> a, LinkedHashMap::new)));
    }

    /** Write-through after a change: the next read of this order is a cache hit with the new state. */
    public Uni<Void> remember(OrderView view) {
        return cache.put(view.id(), toJson(view));
    }

    /** Write-through of a new order: its JSON, and its place in its customer's list. */
    public Uni<Void> rememberNew(OrderView view) {
        return remember(view).chain(() -> cache.addToCustomer(view.customerId(), view.id(),
                view.placedAt().toEpochMilli()));
    }

    public String toJson(OrderView view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise order " + view.id(), e);
        }
    }
}
