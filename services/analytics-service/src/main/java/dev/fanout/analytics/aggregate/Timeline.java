package dev.fanout.analytics.aggregate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The per-minute timeline: one Redis hash per UTC day ({@code <prefix>timeline:2026-11-26}), one field per minute and
 * metric ({@code 09:15:placed}). A day's hash expires {@code timeline-retention} after the day ends, in business
 * time, so a replay sets the very same expiry.
 */
public final class Timeline {

    /** The counted metrics, also the field names of the totals hash. */
    public static final String PLACED = "placed";
    public static final String CONFIRMED = "confirmed";
    public static final String REJECTED = "rejected";
    public static final String SHIPPED = "shipped";
    public static final List<String> METRICS = List.of(PLACED, CONFIRMED, REJECTED, SHIPPED);

    private Timeline() {
    }

    public static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    /** {@code HH:mm:<metric>} of the minute {@code at} falls in. */
    public static String field(Instant at, String metric) {
        int minuteOfDay = (int) Math.floorMod(at.getEpochSecond(), 86_400L) / 60;
        int hour = minuteOfDay / 60;
        int minute = minuteOfDay % 60;
        return new StringBuilder(6 + metric.length()).append((char) ('0' + hour / 10)).append((char) ('0' + hour % 10))
                .append(':').append((char) ('0' + minute / 10)).append((char) ('0' + minute % 10)).append(':')
                .append(metric).toString();
    }

    /**
     * The minute (start) and metric index ({@link #METRICS}) a field of {@code day}'s hash stands for, or null for a
     * field that is not a timeline field.
     */
    public static Parsed parse(LocalDate day, String field) {
        if (field.length() < 7 || field.charAt(2) != ':' || field.charAt(5) != ':') {
            return null;
        }
        try {
            int hour = Integer.parseInt(field, 0, 2, 10);
            int minute = Integer.parseInt(field, 3, 5, 10);
            int metric = METRICS.indexOf(field.substring(6));
            if (metric < 0 || hour > 23 || minute > 59) {
                return null;
            }
            return new Parsed(day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(hour * 3600L + minute * 60L),
                    metric);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A timeline field read back: the minute it counts and which metric. */
    public record Parsed(Instant minute, int metric) {
    }

    /** The minute {@code at} falls in. */
    public static Instant minute(Instant at) {
        return at.truncatedTo(ChronoUnit.MINUTES);
    }

    /** When the hash of {@code day} expires: the end of that day plus the retention (unix seconds). */
    public static long expiresAt(LocalDate day, long retentionSeconds) {
        return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond() + retentionSeconds;
    }
}
