package dev.fanout.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class OpenScheduleTest {

    @Test
    void requestsAreDueAtFixedIntervalsFromTheStart() {
        OpenSchedule s = OpenSchedule.of(1_000, 200, Duration.ofSeconds(30));
        assertThat(s.count()).isEqualTo(6000);
        assertThat(s.intendedNanos(0)).isEqualTo(1_000);
        assertThat(s.intendedNanos(1)).isEqualTo(1_000 + 5_000_000);
        assertThat(s.intendedNanos(5999)).isEqualTo(1_000 + 5999L * 5_000_000);
        assertThat(s.endNanos()).isEqualTo(1_000 + 30_000_000_000L);
    }

    @Test
    void fractionalRatesDoNotDrift() {
        OpenSchedule s = OpenSchedule.of(0, 3, Duration.ofSeconds(10));
        assertThat(s.count()).isEqualTo(30);
        // 1/3 s apart, computed from the index: request 29 is at 9.666... s, not 29 rounded steps
        assertThat(s.intendedNanos(3)).isEqualTo(1_000_000_000L);
        assertThat(s.intendedNanos(29)).isEqualTo(9_666_666_667L);
    }

    @Test
    void countIsRateTimesDuration() {
        assertThat(OpenSchedule.of(0, 500, Duration.ofSeconds(30)).count()).isEqualTo(15_000);
        assertThat(OpenSchedule.of(0, 20, Duration.ofMillis(5_500)).count()).isEqualTo(110);
        assertThat(OpenSchedule.of(0, 0.5, Duration.ofSeconds(3)).count()).isEqualTo(1);
    }

    @Test
    void latencyCountsFromTheIntendedTimeNotTheActualSend() {
        OpenSchedule s = OpenSchedule.of(0, 100, Duration.ofSeconds(1));
        long due = s.intendedNanos(10); // 100 ms
        // the service stalled: the request went out 400 ms late and took 5 ms once sent
        long sent = due + 400_000_000L;
        long answered = sent + 5_000_000L;
        assertThat(OpenSchedule.latencyNanos(due, answered)).isEqualTo(405_000_000L);
        assertThat(OpenSchedule.latencyNanos(due, due - 1)).isZero();
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> OpenSchedule.of(0, 0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        OpenSchedule s = OpenSchedule.of(0, 10, Duration.ofSeconds(1));
        assertThatThrownBy(() -> s.intendedNanos(10)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
