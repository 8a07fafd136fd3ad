package dev.fanout.analytics.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import dev.fanout.analytics.aggregate.AggregateUpdate;
import dev.fanout.analytics.aggregate.Aggregation;
import dev.fanout.analytics.aggregate.LatencyBuckets;
import dev.fanout.analytics.aggregate.LatencyHistogram;
import dev.fanout.analytics.aggregate.RedisOp;

/**
 * The one Lua script that applies an event to a generation, atomically and at most once: it sets the event's dedupe
 * key with SET NX EX and, only if that succeeded, runs every step of the event's {@link AggregateUpdate}. Redis runs
 * a script without interleaving anything else, so no reader ever sees half an event and two instances never both
 * apply one (after a rebalance, say).
 *
 * <p>A script that fails half-way is not rolled back by Redis, so the script first parses and checks every step and
 * only then writes. The latency bucket bounds are written into the script text from {@link LatencyBuckets}, so Java
 * and Lua cannot disagree on a bucket. The script's SHA-1 is computed here; the store calls EVALSHA and falls back to
 * EVAL (which caches the script in Redis) when Redis answers NOSCRIPT (a restart, a failover, SCRIPT FLUSH).
 */
public final class ApplyScript {

    static final String BODY = """
            -- analytics-service: apply one event to one generation (see docs/analytics.md)
            -- KEYS[1] dedupe key, KEYS[2] generation meta hash, KEYS[3] registry of generations, KEYS[4..] step keys
            -- ARGV[1] dedupe TTL (s), ARGV[2] generation, ARGV[3] business time (ms) or '', ARGV[4] applied-at (ms),
            -- ARGV[5..] steps: code, key indexes into KEYS, arguments (RedisOp)
            local ARITY = { HINCR = {1, 2}, ZINCR = {1, 2}, HSET = {1, 2}, HMAX = {1, 2}, EXPIRE = {1, 1},
              EXPIREAT = {1, 1}, ONCE = {1, 2}, SETTLE = {2, 0}, PAIR = {2, 3} }
            local INTEGER_ARG = { HINCR = 2, HMAX = 2, EXPIRE = 1, EXPIREAT = 1, ONCE = 2 }

            local function isint(s) return type(s) == 'string' and string.match(s, '^%-?%d+$') ~= nil end
            local function int(n) return string.format('%d', n) end

            -- 1. parse and check every step before anything is written
            local steps = {}
            local i = 5
            while i <= #ARGV do
              local code = ARGV[i]
              local arity = ARITY[code]
              if not arity then return redis.error_reply('ERR analytics: unknown step ' .. tostring(code)) end
              local step = { code = code, keys = {}, args = {} }
              for j = 1, arity[1] do
                local key = KEYS[tonumber(ARGV[i + j])]
                if not key then return redis.error_reply('ERR analytics: bad key index in ' .. code) end
                step.keys[j] = key
              end
              for j = 1, arity[2] do
                local arg = ARGV[i + arity[1] + j]
                if arg == nil then return redis.error_reply('ERR analytics: missing argument of ' .. code) end
                step.args[j] = arg
              end
              local numeric = INTEGER_ARG[code]
              if numeric and not isint(step.args[numeric]) then
                return redis.error_reply('ERR analytics: ' .. code .. ' needs an integer, got ' .. step.args[numeric])
              end
              if code == 'ZINCR' and not tonumber(step.args[2]) then
                return redis.error_reply('ERR analytics: ZINCR needs a number')
              end
              steps[#steps + 1] = step
              i = i + 1 + arity[1] + arity[2]
            end
            if not isint(ARGV[1]) or not isint(ARGV[4]) or (ARGV[3] ~= '' and not isint(ARGV[3])) then
              return redis.error_reply('ERR analytics: bad header arguments')
            end

            -- 2. at most once per event id
            if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then
              redis.call('HINCRBY', KEYS[2], 'duplicates', 1)
              return 0
            end

            -- 3. apply
            local function hmax(key, field, value)
              local current = tonumber(redis.call('HGET', key, field))
              if not current or value > current then redis.call('HSET', key, field, int(value)) end
            end

            local function bucket(v)
              local lo, hi = 1, #BOUNDS
              while lo < hi do
                local mid = math.floor((lo + hi + 1) / 2)
                if BOUNDS[mid] <= v then lo = mid else hi = mid - 1 end
              end
              return lo - 1
            end

            -- an order's net revenue: confirmed minus its voids (never below 0); add the change to what was counted
            local function settle(order, revenue)
              local state = redis.call('HMGET', order, '%CURRENCY%', '%DIGITS%', '%REVENUE%', 'counted')
              local currency = state[1]
              if not currency then return end
              local digits = tonumber(state[2])
              local net = tonumber(state[3])
              local voided = tonumber(redis.call('HGET', order, '%VOID_PREFIX%' .. currency) or '0')
              local unspecified = tonumber(redis.call('HGET', order, '%UNSPECIFIED_VOID%') or '0')
              if unspecified > 0 then voided = voided + math.floor(unspecified / (10 ^ (6 - digits))) end
              net = net - voided
              if net < 0 then net = 0 end
              local counted = tonumber(state[4] or '0')
              if net ~= counted then
                redis.call('HINCRBY', revenue, currency, int(net - counted))
                redis.call('HSET', order, 'counted', int(net))
              end
            end

            -- a journey leg: once both timestamps are known, whichever event brought the second one records it
            local function pair(order, histogram, from, to, flag)
              local times = redis.call('HMGET', order, from, to)
              if times[1] and times[2] and redis.call('HSETNX', order, flag, '1') == 1 then
                local v = tonumber(times[2]) - tonumber(times[1])
                if v < 0 then v = 0 end
                redis.call('HINCRBY', histogram, '%BUCKET%' .. bucket(v), 1)
                redis.call('HINCRBY', histogram, '%COUNT%', 1)
                redis.call('HINCRBY', histogram, '%SUM%', int(v))
                hmax(histogram, '%MAX%', v)
              end
            end

            local k = 1
            while k <= #steps do
              local step = steps[k]
              local code, key, a = step.code, step.keys[1], step.args
              if code == 'HINCR' then redis.call('HINCRBY', key, a[1], a[2])
              elseif code == 'ZINCR' then redis.call('ZINCRBY', key, a[2], a[1])
              elseif code == 'HSET' then redis.call('HSET', key, a[1], a[2])
              elseif code == 'HMAX' then hmax(key, a[1], tonumber(a[2]))
              elseif code == 'EXPIRE' then redis.call('EXPIRE', key, a[1])
              elseif code == 'EXPIREAT' then redis.call('EXPIREAT', key, a[1])
              elseif code == 'ONCE' then
                if redis.call('HSETNX', key, a[1], '1') == 0 then k = k + tonumber(a[2]) end
              elseif code == 'SETTLE' then settle(key, step.keys[2])
              elseif code == 'PAIR' then pair(key, step.keys[2], a[1], a[2], a[3])
              end
              k = k + 1
            end

            redis.call('HINCRBY', KEYS[2], 'events', 1)
            if ARGV[3] ~= '' then hmax(KEYS[2], 'lastEventAt', tonumber(ARGV[3])) end
            hmax(KEYS[2], 'lastAppliedAt', tonumber(ARGV[4]))
            redis.call('HSETNX', KEYS[2], 'firstAppliedAt', ARGV[4])
            redis.call('SADD', KEYS[3], ARGV[2])
            return 1
            """;

    private final String text;
    private final String sha;

    public ApplyScript() {
        this("");
    }

    /** A variant whose text (and so SHA-1) differs by a comment: tests use it to see the NOSCRIPT fallback. */
    public ApplyScript(String comment) {
        String bounds = LongStream.of(LatencyBuckets.lowerBounds()).mapToObj(Long::toString)
                .collect(Collectors.joining(", ", "local BOUNDS = { ", " }\n"));
        String body = BODY.replace("%CURRENCY%", Aggregation.CURRENCY)
                .replace("%DIGITS%", Aggregation.DIGITS)
                .replace("%REVENUE%", Aggregation.CONFIRMED_REVENUE)
                .replace("%VOID_PREFIX%", Aggregation.VOID_PREFIX)
                .replace("%UNSPECIFIED_VOID%", Aggregation.UNSPECIFIED_VOID)
                .replace("%BUCKET%", LatencyHistogram.BUCKET_PREFIX)
                .replace("%COUNT%", LatencyHistogram.COUNT)
                .replace("%SUM%", LatencyHistogram.SUM)
                .replace("%MAX%", LatencyHistogram.MAX);
        this.text = (comment.isEmpty() ? "" : "-- " + comment.replace('\n', ' ') + "\n") + bounds + body;
        this.sha = sha1(text);
    }

    public String text() {
        return text;
    }

    public String sha() {
        return sha;
    }

    /** KEYS and ARGV of one invocation. */
    public record Invocation(List<String> keys, List<String> args) {
    }

    /**
     * The keys and arguments that apply {@code update}: the fixed keys first, then every key the steps touch, once;
     * each step refers to its keys by their index in KEYS.
     */
    public static Invocation invocation(String seenKey, String metaKey, String registryKey, int generation,
            long dedupeTtlSeconds, AggregateUpdate update, long appliedAtMillis) {
        Map<String, Integer> index = new LinkedHashMap<>();
        index.put(seenKey, 1);
        index.put(metaKey, 2);
        index.put(registryKey, 3);
        List<String> args = new ArrayList<>();
        args.add(Long.toString(Math.max(1, dedupeTtlSeconds)));
        args.add(Integer.toString(generation));
        args.add(update.eventTime() == null ? "" : Long.toString(update.eventTime().toEpochMilli()));
        args.add(Long.toString(appliedAtMillis));
        for (RedisOp op : update.ops()) {
            args.add(op.code().name());
            for (String key : op.keys()) {
                args.add(Integer.toString(index.computeIfAbsent(key, k -> index.size() + 1)));
            }
            args.addAll(op.args());
        }
        return new Invocation(List.copyOf(index.keySet()), args);
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is always there", e);
        }
    }
}
