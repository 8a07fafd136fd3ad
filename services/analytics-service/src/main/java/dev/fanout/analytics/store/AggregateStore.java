package dev.fanout.analytics.store;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.fanout.analytics.AnalyticsSettings;
import dev.fanout.analytics.aggregate.AggregateUpdate;
import dev.fanout.analytics.aggregate.Keys;
import dev.fanout.analytics.store.ApplyScript.Invocation;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * Writes aggregates: one {@link ApplyScript} call per event, which applies the event's steps atomically and only if
 * the event's dedupe key was not there yet. EVALSHA first; on NOSCRIPT, EVAL (Redis caches the script again).
 */
@ApplicationScoped
public class AggregateStore {

    private static final Logger LOG = Logger.getLogger(AggregateStore.class);

    /** The outcome of applying one event. */
    public enum Applied {
        APPLIED, DUPLICATE
    }

    private final Redis redis;
    private final ApplyScript script;
    private final Duration timeout;
    private final long dedupeTtlSeconds;
    private final AtomicLong scriptLoads = new AtomicLong();

    @Inject
    public AggregateStore(Redis redis, AnalyticsSettings settings) {
        this(redis, new ApplyScript(), settings.redisTimeout(), settings.dedupeTtl());
    }

    /** For tests: another script text (to see the NOSCRIPT fallback), another dedupe TTL. */
    public AggregateStore(Redis redis, ApplyScript script, Duration timeout, Duration dedupeTtl) {
        this.redis = redis;
        this.script = script;
        this.timeout = timeout;
        this.dedupeTtlSeconds = Math.max(1, dedupeTtl.toSeconds());
    }

    /** Loads the script into Redis' script cache once at start-up; later EVALSHA calls send only its SHA-1. */
    void preload(@Observes StartupEvent start) {
        RedisCalls.bounded(redis.send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(script.text())), timeout,
                "loading the apply script")
                .subscribe().with(sha -> LOG.infof("apply script loaded into Redis: %s", sha),
                        failure -> LOG.warnf("cannot load the apply script yet (%s): the first event will send it",
                                failure.getMessage()));
    }

    /** Applies one event to the generation of {@code keys}, unless that generation already applied its id. */
    public Uni<Applied> apply(Keys keys, UUID eventId, AggregateUpdate update, Instant appliedAt) {
        Invocation invocation = ApplyScript.invocation(keys.seen(eventId), keys.meta(), Keys.registry(keys.root()),
                keys.generation(), dedupeTtlSeconds, update, appliedAt.toEpochMilli());
        return RedisCalls.bounded(run(Command.EVALSHA, script.sha(), invocation)
                .onFailure(RedisCalls::isNoScript).recoverWithUni(noScript -> {
                    long loads = scriptLoads.incrementAndGet();
                    LOG.infof("apply script %s not in Redis' script cache (load #%d): sending it with EVAL",
                            script.sha(), loads);
                    return run(Command.EVAL, script.text(), invocation);
                }), timeout, "applying event " + eventId)
                .map(reply -> reply.toLong() == 1L ? Applied.APPLIED : Applied.DUPLICATE);
    }

    /** How often the script had to be sent in full (NOSCRIPT): once per Redis restart or failover, normally. */
    public long scriptLoads() {
        return scriptLoads.get();
    }

    public ApplyScript script() {
        return script;
    }

    private Uni<io.vertx.mutiny.redis.client.Response> run(Command command, String scriptOrSha,
            Invocation invocation) {
        Request request = Request.cmd(command).arg(scriptOrSha).arg(invocation.keys().size());
        invocation.keys().forEach(request::arg);
        invocation.args().forEach(request::arg);
        return redis.send(request);
    }
}
