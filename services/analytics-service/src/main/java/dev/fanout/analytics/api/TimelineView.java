package dev.fanout.analytics.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.fanout.analytics.store.AnalyticsReads.TimelineData;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code GET /analytics/timeline}: orders per minute of business time, for the minutes that start in
 * [{@code from} rounded down to the minute, {@code to}); minutes with nothing are left out.
 */
@RegisterForReflection(targets = { TimelineView.class, TimelineView.Minute.class, TimelineView.Totals.class })
public record TimelineView(int generation, Instant from, Instant to, String bucket, List<Minute> minutes,
        Totals totals) {

    public record Minute(Instant minute, long placed, long confirmed, long rejected, long shipped) {
    }

    public record Totals(long placed, long confirmed, long rejected, long shipped) {
    }

    static TimelineView of(TimelineData data, Instant from, Instant to) {
        List<Minute> minutes = new ArrayList<>();
        long[] totals = new long[4];
        data.minutes().forEach((minute, counts) -> {
            minutes.add(new Minute(minute, counts[0], counts[1], counts[2], counts[3]));
            for (int i = 0; i < totals.length; i++) {
                totals[i] += counts[i];
            }
        });
        return new TimelineView(data.generation(), from, to, "PT1M", minutes,
                new Totals(totals[0], totals[1], totals[2], totals[3]));
    }
}
