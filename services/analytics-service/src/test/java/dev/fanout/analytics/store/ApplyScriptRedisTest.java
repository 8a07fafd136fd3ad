package dev.fanout.analytics.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.fanout.analytics.AnalyticsSettings;
import dev.fanout.analytics.aggregate.AggregateUpdate;
import dev.fanout.analytics.aggregate.Aggregation;
import dev.fanout.analytics.aggregate.Journey;
import dev.fanout.analytics.aggregate.Keys;
import dev.fanout.analytics.aggregate.ScriptModel;
import dev.fanout.analytics.store.AggregateStore.Applied;
import dev.fanout.analytics.support.Events;
import dev.fanout.events.EventType;
import dev.fanout.events.EventTypes;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.redis.datasource.sortedset.ScoredValue;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Redis;

/**
 * The Lua script against a real Redis, through the store, into scratch generations of this run: it does exactly what
 * the reference model ({@link ScriptModel}) says, key by key, whatever order events come in, and applies an event at
 * most once even when many callers race.
 */
@QuarkusTest
class ApplyScriptRedisTest {

    @Inject
    AggregateStore store;
    @Inject
    Generations generations;
    @Inject
    AnalyticsSettings settings;
    @Inject
    RedisDataSource redis;
    @Inject
    Redis client;

    @Test
    void theLuaScriptDoesWhatTheModelSaysForEveryOrderOfEvents() {
        Keys keys = generations.keys(generations.own() + 50);
        Aggregation rules = new Aggregation(keys, settings.orderStateTtl(), settings.timelineRetention());
        ScriptModel model = new ScriptModel();
        Random random = new Random(11);
        List<Object[]> events = journeys(random, 40);
        // redeliveries: some events again under the same id
        for (int i = 0; i < 25; i++) {
            events.add(events.get(random.nextInt(events.size())));
        }
        Collections.shuffle(events, random);

        Set<UUID> ids = new HashSet<>();
        for (Object[] event : events) {
            UUID id = (UUID) event[0];
            AggregateUpdate update = rules.plan((EventType<?>) event[1], event[2], Instant.now());
            boolean expected = model.apply(keys, id, update);
            Applied applied = store.apply(keys, id, update, Instant.now()).await().atMost(Duration.ofSeconds(10));
            assertThat(applied).isEqualTo(expected ? Applied.APPLIED : Applied.DUPLICATE);
            ids.add(id);
        }

        model.hashes.forEach((key, fields) -> {
            Map<String, String> actual = new TreeMap<>(redis.hash(String.class).hgetall(key));
            if (key.equals(keys.meta())) {
                assertThat(actual.remove("firstAppliedAt")).isNotNull();
                assertThat(actual.remove("lastAppliedAt")).isNotNull();
            }
            assertThat(actual).as(key).isEqualTo(fields);
        });
        model.sortedSets.forEach((key, members) -> {
            Map<String, Double> actual = new TreeMap<>();
            for (ScoredValue<String> member : redis.sortedSet(String.class).zrangeWithScores(key, 0, -1)) {
                actual.put(member.value(), member.score());
            }
            assertThat(actual).as(key).isEqualTo(members);
        });
        // nothing else was written but one dedupe key per event
        Set<String> written = new HashSet<>();
        redis.key().scan(new KeyScanArgs().match(keys.prefix() + "*").count(1000)).toIterable().forEach(written::add);
        Set<String> expected = new HashSet<>(model.hashes.keySet());
        expected.addAll(model.sortedSets.keySet());
        ids.forEach(id -> expected.add(keys.seen(id)));
        assertThat(written).isEqualTo(expected);
        assertThat(redis.set(String.class).sismember(Keys.registry(keys.root()),
                Integer.toString(keys.generation()))).isTrue();
    }

    @Test
    void theDedupeKeyIsKeptForTheConfiguredTime() {
        Keys keys = generations.keys(generations.own() + 51);
        Aggregation rules = new Aggregation(keys, settings.orderStateTtl(), settings.timelineRetention());
        UUID order = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        store.apply(keys, id, rules.plan(EventTypes.ORDER_PLACED, Events.placed(order, "GBP", Instant.now(),
                Events.line("BOOK-0001", 1, "1.00")), null), Instant.now()).await().atMost(Duration.ofSeconds(10));

        long ttl = redis.key().ttl(keys.seen(id));
        assertThat(ttl).isBetween(settings.dedupeTtl().toSeconds() - 60, settings.dedupeTtl().toSeconds());
        assertThat(redis.key().ttl(keys.order(order))).isBetween(settings.orderStateTtl().toSeconds() - 60,
                settings.orderStateTtl().toSeconds());
    }

    @Test
    void aRaceOfManyCallersAppliesAnEventOnce() {
        Keys keys = generations.keys(generations.own() + 52);
        Aggregation rules = new Aggregation(keys, settings.orderStateTtl(), settings.timelineRetention());
        UUID order = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        AggregateUpdate update = rules.plan(EventTypes.ORDER_CONFIRMED, Events.confirmed(order, "GBP", "10.00",
                Instant.now().minusSeconds(1), Instant.now()), null);

        List<Applied> outcomes = new CopyOnWriteArrayList<>();
        IntStream.range(0, 24).parallel().forEach(i -> outcomes.add(store.apply(keys, id, update, Instant.now())
                .await().atMost(Duration.ofSeconds(10))));

        assertThat(outcomes).filteredOn(o -> o == Applied.APPLIED).hasSize(1);
        assertThat(redis.hash(String.class).hget(keys.revenue(), "GBP")).isEqualTo("1000");
        assertThat(redis.hash(String.class).hget(keys.meta(), "duplicates")).isEqualTo("23");
    }

    @Test
    void aScriptRedisDoesNotHaveIsSentInFullOnceThenCalledBySha() {
        AggregateStore fresh = new AggregateStore(client, new ApplyScript("test " + UUID.randomUUID()),
                Duration.ofSeconds(5), Duration.ofMinutes(10));
        Keys keys = generations.keys(generations.own() + 53);
        Aggregation rules = new Aggregation(keys, settings.orderStateTtl(), settings.timelineRetention());
        for (int i = 0; i < 3; i++) {
            UUID order = UUID.randomUUID();
            assertThat(fresh.apply(keys, UUID.randomUUID(), rules.plan(EventTypes.ORDER_PLACED, Events.placed(order,
                    "GBP", Instant.now(), Events.line("BOOK-0001", 1, "1.00")), null), Instant.now())
                    .await().atMost(Duration.ofSeconds(10))).isEqualTo(Applied.APPLIED);
        }
        assertThat(fresh.scriptLoads()).isEqualTo(1);
        assertThat(redis.hash(String.class).hget(keys.totals(), "placed")).isEqualTo("3");
    }

    /** Random order journeys: every path of the saga, voids in every currency case, shipments early or late. */
    static List<Object[]> journeys(Random random, int orders) {
        List<Object[]> events = new ArrayList<>();
        String[] currencies = { "GBP", "JPY", "BHD" };
        String[] prices = { "12.34", "1200", "1.234" };
        Instant base = Instant.parse("2026-11-26T08:00:00Z");
        for (int i = 0; i < orders; i++) {
            UUID order = UUID.randomUUID();
            int c = random.nextInt(3);
            Instant placedAt = base.plusSeconds(random.nextInt(7200));
            Instant decidedAt = placedAt.plusMillis(random.nextInt(20_000));
            String sku = "SKU-" + random.nextInt(6);
            int quantity = 1 + random.nextInt(4);
            BigDecimal total = new BigDecimal(prices[c]).multiply(BigDecimal.valueOf(quantity));
            add(events, EventTypes.ORDER_PLACED, Events.placed(order, currencies[c], placedAt,
                    Events.line(sku, quantity, prices[c])));
            add(events, EventTypes.NOTIFICATION_SENT, Events.sent(order, random.nextBoolean() ? "EMAIL" : "SMS",
                    placedAt));
            int path = random.nextInt(4);
            if (path <= 1) {
                add(events, EventTypes.PAYMENT_AUTHORIZED, Events.authorized(order, currencies[c],
                        total.toPlainString(), decidedAt));
                add(events, EventTypes.ORDER_CONFIRMED, Events.confirmed(order, currencies[c], total.toPlainString(),
                        placedAt, decidedAt));
                if (random.nextBoolean()) {
                    add(events, EventTypes.SHIPMENT_DISPATCHED, Events.dispatched(order, sku, quantity,
                            decidedAt.plusMillis(random.nextInt(3_600_000))));
                }
                if (path == 1) {
                    String voidCurrency = random.nextInt(4) == 0 ? null
                            : random.nextInt(3) == 0 ? currencies[(c + 1) % 3] : currencies[c];
                    BigDecimal part = total.divide(BigDecimal.valueOf(2 + random.nextInt(2)),
                            voidCurrency == null ? 3 : new BigDecimal(prices[c]).scale(),
                            java.math.RoundingMode.DOWN);
                    if (voidCurrency != null && !voidCurrency.equals(currencies[c])) {
                        part = BigDecimal.ONE;
                    }
                    add(events, EventTypes.PAYMENT_VOIDED, Events.voided(order, "auth-a", voidCurrency,
                            part.toPlainString(), decidedAt));
                    // the same authorization voided again (new event id), and a second authorization
                    add(events, EventTypes.PAYMENT_VOIDED, Events.voided(order, "auth-a", voidCurrency,
                            part.toPlainString(), decidedAt));
                    add(events, EventTypes.PAYMENT_VOIDED, Events.voided(order, "auth-b", currencies[c],
                            total.toPlainString(), decidedAt));
                }
            } else if (path == 2) {
                add(events, EventTypes.ORDER_REJECTED, Events.rejected(order, random.nextBoolean() ? "payment"
                        : "stock", random.nextBoolean() ? "CARD_DECLINED" : "OUT_OF_STOCK", placedAt, decidedAt));
                add(events, EventTypes.PAYMENT_VOIDED, Events.voided(order, "auth-r", currencies[c],
                        total.toPlainString(), decidedAt));
            } else {
                add(events, EventTypes.STOCK_RESERVED, Events.reserved(order, sku, quantity, decidedAt));
            }
        }
        return events;
    }

    private static <T> void add(List<Object[]> events, EventType<T> type, T payload) {
        events.add(new Object[] { UUID.randomUUID(), type, payload });
    }
}
