package dev.fanout.analytics.store;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.fanout.analytics.AnalyticsSettings;
import dev.fanout.analytics.aggregate.Journey;
import dev.fanout.analytics.aggregate.Keys;
import dev.fanout.analytics.aggregate.Timeline;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Reads aggregates straight from Redis, each read in ONE pipelined batch (one round trip), never from PostgreSQL.
 * Every read also says whether the generation is known at all, so an unknown {@code ?generation=} is a 404 rather
 * than a page of zeros.
 */
@ApplicationScoped
public class AnalyticsReads {

    /** The raw hashes of one generation's summary. */
    public record SummaryData(int generation, boolean known, Map<String, String> totals, Map<String, String> revenue,
            Map<String, String> rejections, Map<String, String> placedToConfirmed,
            Map<String, String> confirmedToShipped, Map<String, String> eventTypes,
            Map<String, String> notifications, Map<String, String> meta) {
    }

    /** Per minute (start), the counts of {@link Timeline#METRICS}, in order; only minutes with something. */
    public record TimelineData(int generation, boolean known, Map<Instant, long[]> minutes) {
    }

    /** SKU to units, best first. */
    public record TopData(int generation, boolean known, Map<String, Long> units) {
    }

    /** Up to this many fields a timeline read asks for them by name; beyond, it reads the day's hash whole. */
    static final int HMGET_LIMIT = 480;

    private final Redis redis;
    private final Generations generations;
    private final Duration timeout;

    public AnalyticsReads(Redis redis, Generations generations, AnalyticsSettings settings) {
        this.redis = redis;
        this.generations = generations;
        this.timeout = settings.redisTimeout();
    }

    public Uni<SummaryData> summary(int generation) {
        Keys keys = generations.keys(generation);
        List<Request> batch = List.of(
                hgetall(keys.totals()), hgetall(keys.revenue()), hgetall(keys.rejections()),
                hgetall(keys.latency(Journey.PLACED_TO_CONFIRMED)), hgetall(keys.latency(Journey.CONFIRMED_TO_SHIPPED)),
                hgetall(keys.eventTypes()), hgetall(keys.notifications()), hgetall(keys.meta()),
                registered(keys));
        return RedisCalls.bounded(redis.batch(batch), timeout, "reading the summary").map(replies -> {
            Map<String, String> meta = hash(replies.get(7));
            return new SummaryData(generation, known(replies.get(8), meta), hash(replies.get(0)),
                    hash(replies.get(1)), hash(replies.get(2)), hash(replies.get(3)), hash(replies.get(4)),
                    hash(replies.get(5)), hash(replies.get(6)), meta);
        });
    }

    /**
     * Minute buckets whose start is in [{@code from}, {@code to}); {@code from} is a minute start. Per UTC day of the
     * window, one command in the batch: HMGET of exactly the fields wanted for a short window, HGETALL of the day's
     * hash (which holds only the minutes with something) when the window covers much of the day.
     */
    public Uni<TimelineData> timeline(int generation, Instant from, Instant to) {
        Keys keys = generations.keys(generation);
        Map<LocalDate, List<Instant>> minutesByDay = new LinkedHashMap<>();
        for (Instant minute = from; minute.isBefore(to); minute = minute.plusSeconds(60)) {
            minutesByDay.computeIfAbsent(Timeline.day(minute), d -> new ArrayList<>()).add(minute);
        }
        List<Request> batch = new ArrayList<>();
        minutesByDay.forEach((day, minutes) -> {
            if (minutes.size() * Timeline.METRICS.size() > HMGET_LIMIT) {
                batch.add(Request.cmd(Command.HGETALL).arg(keys.timeline(day)));
                return;
            }
            Request request = Request.cmd(Command.HMGET).arg(keys.timeline(day));
            for (Instant minute : minutes) {
                for (String metric : Timeline.METRICS) {
                    request.arg(Timeline.field(minute, metric));
                }
            }
            batch.add(request);
        });
        batch.add(registered(keys));
        batch.add(Request.cmd(Command.EXISTS).arg(keys.meta()));
        return RedisCalls.bounded(redis.batch(batch), timeout, "reading the timeline").map(replies -> {
            Map<Instant, long[]> found = new TreeMap<>();
            int r = 0;
            for (Map.Entry<LocalDate, List<Instant>> day : minutesByDay.entrySet()) {
                List<Instant> minutes = day.getValue();
                io.vertx.redis.client.Response reply = Generations.delegate(replies.get(r++));
                if (minutes.size() * Timeline.METRICS.size() > HMGET_LIMIT) {
                    RedisCalls.hash(reply).forEach((field, value) -> {
                        Timeline.Parsed parsed = Timeline.parse(day.getKey(), field);
                        if (parsed != null && !parsed.minute().isBefore(from) && parsed.minute().isBefore(to)) {
                            found.computeIfAbsent(parsed.minute(), m -> new long[Timeline.METRICS.size()])
                                    [parsed.metric()] += Long.parseLong(value);
                        }
                    });
                    continue;
                }
                List<String> values = RedisCalls.strings(reply);
                for (int m = 0; m < minutes.size(); m++) {
                    for (int k = 0; k < Timeline.METRICS.size(); k++) {
                        String value = values.get(m * Timeline.METRICS.size() + k);
                        if (value != null && !value.equals("0")) {
                            found.computeIfAbsent(minutes.get(m), x -> new long[Timeline.METRICS.size()])[k] =
                                    Long.parseLong(value);
                        }
                    }
                }
            }
            boolean known = flag(replies.get(batch.size() - 2)) || flag(replies.get(batch.size() - 1));
            return new TimelineData(generation, known, found);
        });
    }

    public Uni<TopData> topProducts(int generation, int limit) {
        Keys keys = generations.keys(generation);
        return RedisCalls.bounded(redis.batch(List.of(
                Request.cmd(Command.ZREVRANGE).arg(keys.topSkus()).arg(0).arg(limit - 1).arg("WITHSCORES"),
                registered(keys),
                Request.cmd(Command.EXISTS).arg(keys.meta()))), timeout, "reading top products")
                .map(replies -> {
                    Map<String, Long> units = new LinkedHashMap<>();
                    RedisCalls.scored(Generations.delegate(replies.get(0)))
                            .forEach((sku, score) -> units.put(sku, Math.round(score)));
                    return new TopData(generation, flag(replies.get(1)) || flag(replies.get(2)), units);
                });
    }

    private static Request hgetall(String key) {
        return Request.cmd(Command.HGETALL).arg(key);
    }

    private static Request registered(Keys keys) {
        return Request.cmd(Command.SISMEMBER).arg(Keys.registry(keys.root())).arg(keys.generation());
    }

    private static boolean known(Response registered, Map<String, String> meta) {
        return flag(registered) || !meta.isEmpty();
    }

    private static boolean flag(Response reply) {
        return reply != null && reply.toLong() != null && reply.toLong() == 1L;
    }

    private static Map<String, String> hash(Response reply) {
        return RedisCalls.hash(Generations.delegate(reply));
    }
}
