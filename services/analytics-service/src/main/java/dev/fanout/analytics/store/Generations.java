package dev.fanout.analytics.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.fanout.analytics.AnalyticsSettings;
import dev.fanout.analytics.aggregate.Keys;
import dev.fanout.kit.problem.Problem;
import dev.fanout.kit.problem.ProblemException;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Generations of the aggregates, for rebuild by replay. Each instance writes one generation (its
 * {@code fanout.analytics.generation}); reads serve the active one, named by {@code <root>active-generation}. The
 * first instance ever sets it to its own generation (SET NX, at start-up and every 30 s, so it comes back after Redis
 * lost its data); a rebuilt generation becomes active only when an operator (the replay command) activates it.
 */
@ApplicationScoped
public class Generations {

    private static final Logger LOG = Logger.getLogger(Generations.class);
    private static final String[] META_FIELDS = { "events", "duplicates", "lastEventAt", "firstAppliedAt",
            "lastAppliedAt" };

    /** What a generation holds, from its meta hash. */
    public record Info(int generation, long events, long duplicates, Instant lastEventAt, Instant firstAppliedAt,
            Instant lastAppliedAt) {
    }

    /** The active generation, this instance's, and every generation known. */
    public record State(int active, int instance, List<Info> generations) {
    }

    private final Redis redis;
    private final AnalyticsSettings settings;
    private final String root;
    private final int own;
    private final Duration timeout;
    private volatile Integer active;
    private volatile long activeCheckedAt;

    public Generations(Redis redis, AnalyticsSettings settings) {
        this.redis = redis;
        this.settings = settings;
        this.root = settings.keyPrefix();
        this.own = settings.generation();
        this.timeout = settings.redisTimeout();
        if (own < 1) {
            throw new IllegalStateException("fanout.analytics.generation must be 1 or more, not " + own);
        }
    }

    /** This instance's generation: what its consumers write. */
    public int own() {
        return own;
    }

    public Keys keys(int generation) {
        return new Keys(root, generation);
    }

    void onStart(@Observes StartupEvent start) {
        LOG.infof("analytics generation %d: consumer group analytics-service-g%d, Redis keys %s", own, own,
                keys(own).prefix() + "*");
        register().subscribe().with(ignored -> {
        }, failure -> LOG.warnf("cannot register generation %d in Redis yet (%s); retrying every 30 s", own,
                failure.getMessage()));
    }

    @Scheduled(every = "30s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> keepRegistered() {
        return register().onFailure().recoverWithNull();
    }

    /** Registers this generation and makes it the active one if there is none (the very first start). */
    Uni<Void> register() {
        String activeKey = Keys.activeGeneration(root);
        return RedisCalls.bounded(redis.batch(List.of(
                Request.cmd(Command.SET).arg(activeKey).arg(own).arg("NX"),
                Request.cmd(Command.SADD).arg(Keys.registry(root)).arg(own))), timeout, "registering generation")
                .invoke(replies -> {
                    if (replies.get(0) != null) {
                        LOG.infof("no active analytics generation was set: generation %d is now active", own);
                    }
                })
                .replaceWithVoid();
    }

    /** The generation reads serve (cached for {@code active-generation-refresh}); this instance's when none is set. */
    public Uni<Integer> active() {
        Integer cached = active;
        if (cached != null && System.nanoTime() - activeCheckedAt < settings.activeGenerationRefresh().toNanos()) {
            return Uni.createFrom().item(cached);
        }
        return RedisCalls.bounded(redis.send(Request.cmd(Command.GET).arg(Keys.activeGeneration(root))), timeout,
                "reading the active generation")
                .map(reply -> remember(parse(reply == null ? null : reply.toString(), own)));
    }

    private int remember(int generation) {
        active = generation;
        activeCheckedAt = System.nanoTime();
        return generation;
    }

    /** Every generation in the registry (or with data), with what it holds. */
    public Uni<State> state() {
        return RedisCalls.bounded(redis.batch(List.of(
                Request.cmd(Command.GET).arg(Keys.activeGeneration(root)),
                Request.cmd(Command.SMEMBERS).arg(Keys.registry(root)))), timeout, "listing generations")
                .chain(replies -> {
                    int current = remember(parse(RedisCalls.string(delegate(replies.get(0))), own));
                    TreeSet<Integer> known = new TreeSet<>();
                    known.add(own);
                    known.add(current);
                    for (String member : RedisCalls.strings(delegate(replies.get(1)))) {
                        Integer n = parse(member, null);
                        if (n != null && n > 0) {
                            known.add(n);
                        }
                    }
                    List<Integer> generations = new ArrayList<>(known);
                    List<Request> metas = generations.stream()
                            .map(n -> {
                                Request request = Request.cmd(Command.HMGET).arg(keys(n).meta());
                                for (String field : META_FIELDS) {
                                    request.arg(field);
                                }
                                return request;
                            }).toList();
                    return RedisCalls.bounded(redis.batch(metas), timeout, "reading generations")
                            .map(replies2 -> {
                                List<Info> infos = new ArrayList<>();
                                for (int i = 0; i < generations.size(); i++) {
                                    infos.add(info(generations.get(i),
                                            RedisCalls.strings(delegate(replies2.get(i)))));
                                }
                                return new State(current, own, infos);
                            });
                });
    }

    /** What one generation holds; events 0 when it has nothing. */
    public Uni<Info> info(int generation) {
        Request request = Request.cmd(Command.HMGET).arg(keys(generation).meta());
        for (String field : META_FIELDS) {
            request.arg(field);
        }
        return RedisCalls.bounded(redis.send(request), timeout, "reading generation " + generation)
                .map(reply -> info(generation, RedisCalls.strings(delegate(reply))));
    }

    /** Activates only a generation that has applied events, in one atomic step. */
    static final String ACTIVATE = """
            local events = tonumber(redis.call('HGET', KEYS[2], 'events') or '0')
            if events == 0 then return 0 end
            redis.call('SET', KEYS[1], ARGV[1])
            return 1
            """;

    /** Forgets a generation unless it is the active one, in one atomic step (keys follow in the background). */
    static final String FORGET = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return 0 end
            redis.call('SREM', KEYS[2], ARGV[1])
            redis.call('UNLINK', KEYS[3])
            return 1
            """;

    /**
     * Switches reads to {@code generation}; refused (409) when it has applied no event (checked atomically with the
     * switch, so a generation being deleted cannot become active).
     */
    public Uni<State> activate(int generation) {
        Request request = Request.cmd(Command.EVAL).arg(ACTIVATE).arg(2).arg(Keys.activeGeneration(root))
                .arg(keys(generation).meta()).arg(generation);
        return RedisCalls.bounded(redis.send(request), timeout, "activating generation " + generation)
                .invoke(reply -> {
                    if (reply.toLong() == 0L) {
                        throw new ProblemException(Problem.of(409, "generation-empty", "Generation has no data",
                                "generation " + generation + " has applied no event: start an instance with "
                                        + "FANOUT_ANALYTICS_GENERATION=" + generation + " and let it catch up first"));
                    }
                    remember(generation);
                    LOG.infof("analytics reads now serve generation %d", generation);
                }).chain(this::state);
    }

    /**
     * Deletes every key of {@code generation}: refused for the active generation (checked atomically) and for the one
     * this instance writes. The generation leaves the registry and loses its meta hash at once (so it can no longer
     * be activated), the rest is unlinked in the background, SCAN by SCAN. Returns when the deletion has started.
     */
    public Uni<Void> delete(int generation) {
        if (generation == own) {
            return Uni.createFrom().failure(new ProblemException(Problem.of(409, "generation-in-use",
                    "Generation in use", "this instance writes generation " + generation + "; delete it from an "
                            + "instance of another generation, once every instance of generation " + generation
                            + " has stopped")));
        }
        Request forget = Request.cmd(Command.EVAL).arg(FORGET).arg(3).arg(Keys.activeGeneration(root))
                .arg(Keys.registry(root)).arg(keys(generation).meta()).arg(generation);
        return RedisCalls.bounded(redis.send(forget), timeout, "deleting generation " + generation)
                .invoke(reply -> {
                    if (reply.toLong() == 0L) {
                        throw new ProblemException(Problem.of(409, "generation-active", "Generation is active",
                                "generation " + generation + " is the one reads serve: activate another one first"));
                    }
                    String pattern = globEscape(keys(generation).prefix()) + "*";
                    LOG.infof("deleting every key of analytics generation %d (%s)", generation, pattern);
                    unlinkAll(pattern, "0", 0).subscribe().with(
                            deleted -> LOG.infof("analytics generation %d deleted: %d keys", generation, deleted),
                            failure -> LOG.warnf("deleting analytics generation %d stopped: %s (run the DELETE "
                                    + "again)", generation, failure.getMessage()));
                }).replaceWithVoid();
    }

    private Uni<Long> unlinkAll(String pattern, String cursor, long deletedSoFar) {
        return RedisCalls.bounded(redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(pattern)
                .arg("COUNT").arg(1000)), timeout, "scanning keys")
                .chain(reply -> {
                    String next = reply.get(0).toString();
                    List<String> found = RedisCalls.strings(delegate(reply.get(1)));
                    Uni<Long> unlinked = found.isEmpty() ? Uni.createFrom().item(0L)
                            : RedisCalls.bounded(redis.send(unlink(found)), timeout, "unlinking keys")
                                    .map(r -> r.toLong());
                    return unlinked.chain(n -> "0".equals(next) ? Uni.createFrom().item(deletedSoFar + n)
                            : unlinkAll(pattern, next, deletedSoFar + n));
                });
    }

    private static Request unlink(List<String> keys) {
        Request request = Request.cmd(Command.UNLINK);
        keys.forEach(request::arg);
        return request;
    }

    static String globEscape(String prefix) {
        StringBuilder escaped = new StringBuilder();
        for (char c : prefix.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    private static Info info(int generation, List<String> values) {
        return new Info(generation, number(values.get(0)), number(values.get(1)), instant(values.get(2)),
                instant(values.get(3)), instant(values.get(4)));
    }

    static io.vertx.redis.client.Response delegate(Response reply) {
        return reply == null ? null : reply.getDelegate();
    }

    private static long number(String value) {
        return value == null ? 0 : Long.parseLong(value);
    }

    private static Instant instant(String millis) {
        return millis == null ? null : Instant.ofEpochMilli(Long.parseLong(millis));
    }

    private static Integer parse(String value, Integer fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            LOG.warnf("ignoring a malformed generation number in Redis: '%s'", value);
            return fallback;
        }
    }
}
