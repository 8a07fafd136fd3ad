package dev.fanout.analytics.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.smallrye.mutiny.Uni;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.impl.types.ErrorType;

/**
 * How analytics talks to Redis: every call bounded by a timeout; every failure that is not an error reply of Redis
 * itself (refused, closed, timed out, pool exhausted), and the error replies that mean "not now" (OOM, LOADING,
 * READONLY, ...), turned into {@link RedisUnavailableException}; and reading replies the same way whether the
 * connection speaks RESP2 (flat arrays) or RESP3 (maps, pairs).
 */
public final class RedisCalls {

    private RedisCalls() {
    }

    /** {@code call}, bounded by {@code timeout}, with connectivity failures as {@link RedisUnavailableException}. */
    public static <T> Uni<T> bounded(Uni<T> call, Duration timeout, String what) {
        return call.ifNoItem().after(timeout)
                .failWith(() -> new RedisUnavailableException("Redis did not answer " + what + " within "
                        + timeout.toMillis() + " ms", null))
                .onFailure(failure -> !(failure instanceof RedisUnavailableException)
                        && (!isErrorReply(failure) || isUnavailableReply(failure)))
                .transform(failure -> new RedisUnavailableException("Redis unavailable (" + what + "): "
                        + describe(failure), failure));
    }

    /** Whether Redis itself answered with an error ({@code ERR ...}, {@code NOSCRIPT ...}, {@code WRONGTYPE ...}). */
    public static boolean isErrorReply(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ErrorType) {
                return true;
            }
        }
        return false;
    }

    /**
     * Error replies that say Redis cannot serve right now rather than that the command is wrong: out of memory,
     * loading its data set, busy with a script, a read-only replica after a failover, no primary. The event is fine;
     * Redis is not: an outage, like a refused connection.
     */
    static final java.util.Set<String> UNAVAILABLE_REPLIES = java.util.Set.of("OOM", "LOADING", "BUSY", "READONLY",
            "MASTERDOWN", "NOREPLICAS", "CLUSTERDOWN", "TRYAGAIN");

    public static boolean isUnavailableReply(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ErrorType error) {
                String message = String.valueOf(error.getMessage()).strip();
                int space = message.indexOf(' ');
                return UNAVAILABLE_REPLIES.contains(space < 0 ? message : message.substring(0, space));
            }
        }
        return false;
    }

    /** The script is not in Redis' script cache (restart, failover, SCRIPT FLUSH): EVAL it instead. */
    public static boolean isNoScript(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ErrorType error && String.valueOf(error.getMessage()).startsWith("NOSCRIPT")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the failure means Redis could not be reached (as opposed to a bug or an error reply). */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RedisUnavailableException) {
                return true;
            }
        }
        return false;
    }

    static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** A hash reply (HGETALL): field to value, empty for a missing key. */
    public static Map<String, String> hash(Response reply) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (reply == null) {
            return fields;
        }
        if (reply.isMap()) {
            for (String key : reply.getKeys()) {
                Response value = reply.get(key);
                fields.put(key, value == null ? null : value.toString());
            }
            return fields;
        }
        List<Response> items = items(reply);
        if (!items.isEmpty() && items.get(0) != null && items.get(0).isArray()) {
            for (Response pair : items) {
                fields.put(pair.get(0).toString(), pair.get(1) == null ? null : pair.get(1).toString());
            }
            return fields;
        }
        for (int i = 0; i + 1 < items.size(); i += 2) {
            fields.put(items.get(i).toString(), items.get(i + 1) == null ? null : items.get(i + 1).toString());
        }
        return fields;
    }

    /** A scored reply (ZRANGE ... WITHSCORES): member to score, in the reply's order. */
    public static Map<String, Double> scored(Response reply) {
        Map<String, Double> members = new LinkedHashMap<>();
        if (reply == null) {
            return members;
        }
        if (reply.isMap()) {
            for (String key : reply.getKeys()) {
                members.put(key, reply.get(key).toDouble());
            }
            return members;
        }
        List<Response> items = items(reply);
        if (!items.isEmpty() && items.get(0) != null && items.get(0).isArray()) {
            for (Response pair : items) {
                members.put(pair.get(0).toString(), pair.get(1).toDouble());
            }
            return members;
        }
        for (int i = 0; i + 1 < items.size(); i += 2) {
            members.put(items.get(i).toString(), items.get(i + 1).toDouble());
        }
        return members;
    }

    /** An array of bulk strings (HMGET, SMEMBERS): null where Redis has nil. */
    public static List<String> strings(Response reply) {
        List<String> values = new ArrayList<>();
        for (Response item : items(reply)) {
            values.add(item == null ? null : item.toString());
        }
        return values;
    }

    /** A string reply, or null (nil). */
    public static String string(Response reply) {
        return reply == null ? null : reply.toString();
    }

    private static List<Response> items(Response reply) {
        List<Response> items = new ArrayList<>();
        if (reply == null) {
            return items;
        }
        for (int i = 0; i < reply.size(); i++) {
            items.add(reply.get(i));
        }
        return items;
    }
}
