package dev.fanout.analytics.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.fanout.analytics.aggregate.LatencyHistogram;
import dev.fanout.analytics.aggregate.Money;
import dev.fanout.analytics.aggregate.RevenueFields;
import dev.fanout.analytics.aggregate.Timeline;
import dev.fanout.analytics.store.AnalyticsReads.SummaryData;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code GET /analytics/summary}: totals, revenue per currency, rejection reasons, journey percentiles, event and
 * notification tallies, and which generation served them. Money is given both as a plain decimal string and as
 * integer minor units.
 */
@RegisterForReflection(targets = { SummaryView.class, SummaryView.Orders.class, SummaryView.Revenue.class,
        SummaryView.Rejection.class, SummaryView.Latency.class, SummaryView.Percentiles.class,
        SummaryView.Applied.class })
public record SummaryView(int generation, boolean active, Orders orders, List<Revenue> revenue,
        List<Rejection> rejections, Latency latency, Map<String, Long> events, Map<String, Long> notifications,
        Applied applied) {

    public record Orders(long placed, long confirmed, long rejected, long shipped) {
    }

    /** Net = confirmed - voided, per currency; amounts as decimals of the currency, and in minor units. */
    public record Revenue(String currency, String amount, long minorUnits, String confirmedAmount,
            long confirmedMinorUnits, String voidedAmount, long voidedMinorUnits, long confirmedOrders) {
    }

    public record Rejection(String stage, String code, long count) {
    }

    public record Latency(Percentiles placedToConfirmed, Percentiles confirmedToShipped) {
    }

    /** Milliseconds; percentiles are within the bucket error (docs/analytics.md), mean and max are exact. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Percentiles(long count, Long p50Ms, Long p90Ms, Long p99Ms, Long meanMs, Long maxMs) {

        static Percentiles of(LatencyHistogram histogram) {
            if (histogram.count() == 0) {
                return new Percentiles(0, null, null, null, null, null);
            }
            return new Percentiles(histogram.count(), histogram.percentile(0.50), histogram.percentile(0.90),
                    histogram.percentile(0.99), histogram.mean(), histogram.max());
        }
    }

    /** What this generation has applied: events, duplicates skipped, the latest business time seen. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Applied(long events, long duplicates, Instant lastEventAt, Instant lastAppliedAt) {
    }

    /** The same numbers, saying whether their generation is the active one (not cached with them). */
    SummaryView withActive(boolean isActive) {
        return isActive == active ? this : new SummaryView(generation, isActive, orders, revenue, rejections, latency,
                events, notifications, applied);
    }

    static SummaryView of(SummaryData data, boolean active) {
        Map<String, String> totals = data.totals();
        Orders orders = new Orders(number(totals.get(Timeline.PLACED)), number(totals.get(Timeline.CONFIRMED)),
                number(totals.get(Timeline.REJECTED)), number(totals.get(Timeline.SHIPPED)));

        List<Revenue> revenue = new ArrayList<>();
        RevenueFields.read(data.revenue()).values().forEach(r -> {
            int digits = digits(r.currency());
            revenue.add(new Revenue(r.currency(), Money.format(r.net(), digits), r.net(),
                    Money.format(r.gross(), digits), r.gross(), Money.format(r.voided(), digits), r.voided(),
                    r.orders()));
        });

        List<Rejection> rejections = new ArrayList<>();
        data.rejections().forEach((field, count) -> {
            int colon = field.indexOf(':');
            rejections.add(colon < 0 ? new Rejection("unknown", field, number(count))
                    : new Rejection(field.substring(0, colon), field.substring(colon + 1), number(count)));
        });
        rejections.sort(Comparator.comparingLong(Rejection::count).reversed().thenComparing(Rejection::stage)
                .thenComparing(Rejection::code));

        Latency latency = new Latency(Percentiles.of(LatencyHistogram.fromFields(data.placedToConfirmed())),
                Percentiles.of(LatencyHistogram.fromFields(data.confirmedToShipped())));

        Map<String, String> meta = data.meta();
        Applied applied = new Applied(number(meta.get("events")), number(meta.get("duplicates")),
                instant(meta.get("lastEventAt")), instant(meta.get("lastAppliedAt")));
        return new SummaryView(data.generation(), active, orders, revenue, rejections, latency,
                counts(data.eventTypes()), counts(data.notifications()), applied);
    }

    private static int digits(String currency) {
        try {
            return Money.fractionDigits(currency);
        } catch (RuntimeException notCountable) {
            return 2;
        }
    }

    private static Map<String, Long> counts(Map<String, String> fields) {
        Map<String, Long> counts = new TreeMap<>();
        fields.forEach((field, value) -> counts.put(field, number(value)));
        return counts;
    }

    static long number(String value) {
        return value == null ? 0 : Long.parseLong(value);
    }

    static Instant instant(String millis) {
        return millis == null ? null : Instant.ofEpochMilli(Long.parseLong(millis));
    }
}
