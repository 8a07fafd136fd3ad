package dev.fanout.analytics.aggregate;

import java.util.List;
import java.util.Objects;

/**
 * One step of the Lua script that applies an event ({@code store/apply.lua}): an operation code, the keys it
 * touches, its arguments. The script runs the steps of one event atomically, and only if the event was not seen.
 *
 * <table>
 * <tr><th>code</th><th>keys</th><th>arguments</th><th>effect</th></tr>
 * <tr><td>HINCR</td><td>hash</td><td>field, delta</td><td>HINCRBY</td></tr>
 * <tr><td>ZINCR</td><td>sorted set</td><td>member, delta</td><td>ZINCRBY</td></tr>
 * <tr><td>HSET</td><td>hash</td><td>field, value</td><td>HSET</td></tr>
 * <tr><td>HMAX</td><td>hash</td><td>field, integer</td><td>HSET if larger than the current value</td></tr>
 * <tr><td>EXPIRE</td><td>key</td><td>seconds</td><td>EXPIRE</td></tr>
 * <tr><td>EXPIREAT</td><td>key</td><td>unix seconds</td><td>EXPIREAT</td></tr>
 * <tr><td>ONCE</td><td>hash</td><td>flag, n</td><td>HSETNX flag; if it was already set, skip the next n steps</td></tr>
 * <tr><td>SETTLE</td><td>order, revenue</td><td></td><td>recount the order's net revenue (confirmed minus voids,
 * never below 0) and add the difference to what was counted</td></tr>
 * <tr><td>PAIR</td><td>order, histogram</td><td>from, to, flag</td><td>once both timestamps are in the order's
 * state, record to - from in the histogram (once: flag)</td></tr>
 * </table>
 */
public record RedisOp(Code code, List<String> keys, List<String> args) {

    public enum Code {
        HINCR(1, 2), ZINCR(1, 2), HSET(1, 2), HMAX(1, 2), EXPIRE(1, 1), EXPIREAT(1, 1), ONCE(1, 2), SETTLE(2, 0),
        PAIR(2, 3);

        private final int keys;
        private final int args;

        Code(int keys, int args) {
            this.keys = keys;
            this.args = args;
        }

        public int keys() {
            return keys;
        }

        public int args() {
            return args;
        }
    }

    public RedisOp {
        Objects.requireNonNull(code, "code");
        keys = List.copyOf(keys);
        args = List.copyOf(args);
        if (keys.size() != code.keys() || args.size() != code.args()) {
            throw new IllegalArgumentException(code + " takes " + code.keys() + " key(s) and " + code.args()
                    + " argument(s)");
        }
    }

    public static RedisOp hincr(String key, String field, long delta) {
        return new RedisOp(Code.HINCR, List.of(key), List.of(field, Long.toString(delta)));
    }

    public static RedisOp zincr(String key, String member, long delta) {
        return new RedisOp(Code.ZINCR, List.of(key), List.of(member, Long.toString(delta)));
    }

    public static RedisOp hset(String key, String field, String value) {
        return new RedisOp(Code.HSET, List.of(key), List.of(field, value));
    }

    public static RedisOp hmax(String key, String field, long value) {
        return new RedisOp(Code.HMAX, List.of(key), List.of(field, Long.toString(value)));
    }

    public static RedisOp expire(String key, long seconds) {
        return new RedisOp(Code.EXPIRE, List.of(key), List.of(Long.toString(seconds)));
    }

    public static RedisOp expireAt(String key, long unixSeconds) {
        return new RedisOp(Code.EXPIREAT, List.of(key), List.of(Long.toString(unixSeconds)));
    }

    /** Runs the next {@code guarded} steps only the first time {@code flag} is set on {@code key}. */
    public static RedisOp once(String key, String flag, int guarded) {
        return new RedisOp(Code.ONCE, List.of(key), List.of(flag, Integer.toString(guarded)));
    }

    public static RedisOp settle(String orderKey, String revenueKey) {
        return new RedisOp(Code.SETTLE, List.of(orderKey, revenueKey), List.of());
    }

    public static RedisOp pair(String orderKey, String histogramKey, String fromField, String toField, String flag) {
        return new RedisOp(Code.PAIR, List.of(orderKey, histogramKey), List.of(fromField, toField, flag));
    }
}
