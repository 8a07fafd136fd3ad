package dev.fanout.analytics.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class TimelineTest {

    @Test
    void aMinuteIsAFieldOfItsUtcDaysHash() {
        Instant at = Instant.parse("2026-11-26T09:05:59.999Z");
        assertThat(Timeline.day(at)).isEqualTo(LocalDate.of(2026, 11, 26));
        assertThat(Timeline.field(at, Timeline.PLACED)).isEqualTo("09:05:placed");
        assertThat(Timeline.field(Instant.parse("2026-11-26T23:59:00Z"), Timeline.SHIPPED)).isEqualTo("23:59:shipped");
        assertThat(Timeline.field(Instant.parse("2026-11-27T00:00:00Z"), Timeline.REJECTED)).isEqualTo("00:00:rejected");
        assertThat(Timeline.field(Instant.parse("1969-12-31T23:58:30Z"), Timeline.CONFIRMED))
                .isEqualTo("23:58:confirmed");
        assertThat(Timeline.minute(at)).isEqualTo(Instant.parse("2026-11-26T09:05:00Z"));
        assertThat(Timeline.expiresAt(LocalDate.of(2026, 11, 26), 3600))
                .isEqualTo(LocalDate.of(2026, 11, 27).atStartOfDay(ZoneOffset.UTC).toEpochSecond() + 3600);
    }

    @Test
    void fieldsReadBackAsTheirMinuteAndMetric() {
        LocalDate day = LocalDate.of(2026, 11, 26);
        for (int minuteOfDay = 0; minuteOfDay < 1440; minuteOfDay += 7) {
            Instant minute = day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(minuteOfDay * 60L);
            for (int metric = 0; metric < Timeline.METRICS.size(); metric++) {
                Timeline.Parsed parsed = Timeline.parse(day, Timeline.field(minute, Timeline.METRICS.get(metric)));
                assertThat(parsed).isEqualTo(new Timeline.Parsed(minute, metric));
            }
        }
        assertThat(Timeline.parse(day, "25:00:placed")).isNull();
        assertThat(Timeline.parse(day, "09:15:returned")).isNull();
        assertThat(Timeline.parse(day, "junk")).isNull();
    }
}
