package dev.fanout.analytics.aggregate;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/**
 * The Redis key layout of one generation: everything lives under {@code <root>g<generation>:}, so a generation is
 * rebuilt, compared, switched to and deleted as a whole. Two keys live beside the generations, under the root: the
 * active generation and the registry of generations.
 */
public record Keys(String root, int generation) {

    public Keys {
        Objects.requireNonNull(root, "root");
        if (generation < 1) {
            throw new IllegalArgumentException("generations start at 1: " + generation);
        }
    }

    /** {@code <root>g<generation>:}, the prefix of every key of this generation. */
    public String prefix() {
        return root + "g" + generation + ":";
    }

    /** Dedupe marker of one applied event (a string with a TTL). */
    public String seen(UUID eventId) {
        return prefix() + "seen:" + eventId;
    }

    /** Hash: events applied, duplicates skipped, last event time, first and last applied-at. */
    public String meta() {
        return prefix() + "meta";
    }

    /** Hash: orders placed, confirmed, rejected, shipped, in total. */
    public String totals() {
        return prefix() + "totals";
    }

    /** Hash: per currency, net revenue ({@code GBP}), confirmed revenue ({@code GBP:gross}), orders ({@code GBP:orders}). */
    public String revenue() {
        return prefix() + "revenue";
    }

    /** Hash: {@code <stage>:<code>} of rejected orders, counted. */
    public String rejections() {
        return prefix() + "rejections";
    }

    /** Sorted set: units ordered per SKU. */
    public String topSkus() {
        return prefix() + "top-skus";
    }

    /** Hash: events applied per CloudEvents type. */
    public String eventTypes() {
        return prefix() + "events";
    }

    /** Hash: notifications sent per channel. */
    public String notifications() {
        return prefix() + "notifications";
    }

    /** Hash: the histogram of one journey ({@code b<bucket>}, {@code n}, {@code sum}, {@code max}). */
    public String latency(Journey journey) {
        return prefix() + "latency:" + journey.key();
    }

    /** Hash: one UTC day of minute buckets, fields {@code HH:mm:<metric>}. */
    public String timeline(LocalDate day) {
        return prefix() + "timeline:" + day;
    }

    /** Hash: the state of one order (what was counted, confirmed revenue, voids, journey timestamps). */
    public String order(UUID orderId) {
        return prefix() + "order:" + orderId;
    }

    /** The active generation, the one reads serve (a string holding its number). */
    public static String activeGeneration(String root) {
        return root + "active-generation";
    }

    /** Set of every generation that has written (or registered) data. */
    public static String registry(String root) {
        return root + "generations";
    }

    public Keys withGeneration(int other) {
        return new Keys(root, other);
    }
}
