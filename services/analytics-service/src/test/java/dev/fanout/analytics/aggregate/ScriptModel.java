package dev.fanout.analytics.aggregate;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A reference model of the apply script (store/ApplyScript) on plain maps: what Redis should hold after a sequence
 * of events. The rules' unit tests run on it; ApplyScriptTest checks the real Lua against it, key by key.
 */
public final class ScriptModel {

    public final Map<String, Map<String, String>> hashes = new TreeMap<>();
    public final Map<String, Map<String, Double>> sortedSets = new TreeMap<>();
    private final Set<String> seen = new HashSet<>();

    /** Applies one event: false (and nothing changed but the duplicate count) when its id was seen. */
    public boolean apply(Keys keys, UUID eventId, AggregateUpdate update) {
        if (!seen.add(keys.seen(eventId))) {
            hincr(keys.meta(), "duplicates", 1);
            return false;
        }
        List<RedisOp> ops = update.ops();
        for (int k = 0; k < ops.size(); k++) {
            RedisOp op = ops.get(k);
            String key = op.keys().get(0);
            List<String> a = op.args();
            switch (op.code()) {
                case HINCR -> hincr(key, a.get(0), Long.parseLong(a.get(1)));
                case ZINCR -> sortedSets.computeIfAbsent(key, x -> new TreeMap<>()).merge(a.get(0),
                        Double.parseDouble(a.get(1)), Double::sum);
                case HSET -> hash(key).put(a.get(0), a.get(1));
                case HMAX -> hmax(key, a.get(0), Long.parseLong(a.get(1)));
                case EXPIRE, EXPIREAT -> {
                    // expiry is not modelled
                }
                case ONCE -> {
                    if (hash(key).putIfAbsent(a.get(0), "1") != null) {
                        k += Integer.parseInt(a.get(1));
                    }
                }
                case SETTLE -> settle(key, op.keys().get(1));
                case PAIR -> pair(key, op.keys().get(1), a.get(0), a.get(1), a.get(2));
                default -> throw new IllegalStateException(op.code().name());
            }
        }
        hincr(keys.meta(), "events", 1);
        if (update.eventTime() != null) {
            hmax(keys.meta(), "lastEventAt", update.eventTime().toEpochMilli());
        }
        return true;
    }

    public Map<String, String> hash(String key) {
        return hashes.computeIfAbsent(key, x -> new TreeMap<>());
    }

    public long number(String key, String field) {
        String value = hashes.getOrDefault(key, Map.of()).get(field);
        return value == null ? 0 : Long.parseLong(value);
    }

    private void hincr(String key, String field, long delta) {
        hash(key).merge(field, Long.toString(delta), (x, y) -> Long.toString(Long.parseLong(x) + Long.parseLong(y)));
    }

    private void hmax(String key, String field, long value) {
        String current = hash(key).get(field);
        if (current == null || value > Long.parseLong(current)) {
            hash(key).put(field, Long.toString(value));
        }
    }

    private void settle(String order, String revenue) {
        Map<String, String> state = hash(order);
        String currency = state.get(Aggregation.CURRENCY);
        if (currency == null) {
            return;
        }
        int digits = Integer.parseInt(state.get(Aggregation.DIGITS));
        long voided = Long.parseLong(state.getOrDefault(Aggregation.VOID_PREFIX + currency, "0"))
                + Long.parseLong(state.getOrDefault(Aggregation.UNSPECIFIED_VOID, "0"))
                        / (long) Math.pow(10, Money.MICRO_SCALE - digits);
        long net = Math.max(0, Long.parseLong(state.get(Aggregation.CONFIRMED_REVENUE)) - voided);
        long counted = Long.parseLong(state.getOrDefault("counted", "0"));
        if (net != counted) {
            hincr(revenue, currency, net - counted);
            state.put("counted", Long.toString(net));
        }
    }

    private void pair(String order, String histogram, String from, String to, String flag) {
        Map<String, String> state = hash(order);
        if (state.containsKey(from) && state.containsKey(to) && state.putIfAbsent(flag, "1") == null) {
            long v = Math.max(0, Long.parseLong(state.get(to)) - Long.parseLong(state.get(from)));
            hincr(histogram, LatencyHistogram.bucketField(LatencyBuckets.indexOf(v)), 1);
            hincr(histogram, LatencyHistogram.COUNT, 1);
            hincr(histogram, LatencyHistogram.SUM, v);
            hmax(histogram, LatencyHistogram.MAX, v);
        }
    }
}
