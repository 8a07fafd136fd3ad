package dev.fanout.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void replacesOnlyTheGeneratedSection() {
        String before = "# Benchmarks\n\nHand-written intro.\n\n<!-- bench:begin -->\nold numbers\n<!-- bench:end -->\n\n"
                + "## What limited it\n\nHand-written analysis.\n";
        String after = Report.splice(before, "new numbers\n");
        assertThat(after).isEqualTo("# Benchmarks\n\nHand-written intro.\n\n<!-- bench:begin -->\nnew numbers\n"
                + "<!-- bench:end -->\n\n## What limited it\n\nHand-written analysis.\n");
        assertThat(Report.splice(after, "newer")).contains("newer").doesNotContain("new numbers")
                .contains("Hand-written analysis.");
    }

    @Test
    void appendsMarkersWhenThereAreNoneAndCreatesAFile() {
        assertThat(Report.splice("# Mine\n\ntext\n", "n")).isEqualTo("# Mine\n\ntext\n\n<!-- bench:begin -->\nn\n"
                + "<!-- bench:end -->\n");
        assertThat(Report.splice(null, "n")).startsWith("# Benchmarks").contains("<!-- bench:begin -->\nn\n");
    }

    @Test
    void medianAndFormats() {
        assertThat(Report.median(List.of(1L, 2L, 9L))).isEqualTo(2);
        assertThat(Report.median(List.of(1L, 3L))).isEqualTo(2);
        assertThat(Report.ms(0.4567)).isEqualTo("0.46 ms");
        assertThat(Report.ms(45.67)).isEqualTo("45.7 ms");
        assertThat(Report.ms(456.7)).isEqualTo("457 ms");
        assertThat(Report.minutes(Duration.ofSeconds(1000))).isEqualTo("16 min 40 s");
    }

    @Test
    void smallRatiosKeepTwoSignificantDigits() {
        assertThat(Report.ratio(0.5)).isEqualTo("0.50");
        assertThat(Report.ratio(1.234)).isEqualTo("1.23");
        assertThat(Report.ratio(7.4 / 1899)).isEqualTo("0.0039");
        assertThat(Report.ratio(0.09107)).isEqualTo("0.091");
        assertThat(Report.ratio(0)).isEqualTo("0.00");
        assertThat(Report.ratio(Double.NaN)).isEqualTo("-");
    }

    @Test
    void stepsAreSortedAndQuickChangesOnlyTheDefaults() {
        Settings s = new Settings();
        assertThat(s.steps()).startsWith(5.0, 10.0).endsWith(500.0);
        s.quick = true;
        assertThat(s.steps()).containsExactly(5.0, 20.0);
        assertThat(s.stepDuration()).isEqualTo(Duration.ofSeconds(5));
        s.steps = List.of(80.0, 10.0);
        assertThat(s.steps()).containsExactly(10.0, 80.0);
    }

    @Test
    void platformWarmupDefaultsAndWhenItRuns() {
        Settings s = new Settings();
        assertThat(s.platformWarmup()).isEqualTo(Duration.ofMinutes(4));
        assertThat(s.platformWarmupRate()).isEqualTo(8.0);
        assertThat(s.measuresRunningServices()).isTrue();
        s.quick = true;
        assertThat(s.platformWarmup()).isEqualTo(Duration.ofSeconds(10));
        s.only = List.of("startup");
        assertThat(s.measuresRunningServices()).as("startup launches fresh JVMs: nothing to warm").isFalse();
        s.only = List.of("startup", "reads");
        assertThat(s.measuresRunningServices()).isTrue();
        s.platformWarmup = Settings.DurationConverter.parse("0");
        assertThat(s.platformWarmup()).isZero();
        s.platformWarmup = Settings.DurationConverter.parse("0s");
        assertThat(s.platformWarmup()).isZero();
    }

    @Test
    void platformWarmupInTheHeader() {
        Results r = new Results();
        assertThat(Report.platformWarmup(r)).isNull();
        Histogram h = new Histogram(3);
        h.recordValue(5_000_000);
        Load.Result post = new Load.Result("platform warm-up", h, 450, 0, 450, 90.0, 0, null);
        r.platformWarmup = new Results.PlatformWarmup(Duration.ofSeconds(90), 5, post,
                new Backlog.Drain(true, Duration.ofMillis(3200), 450, 450, 0, Map.of(), Map.of(), false));
        assertThat(Report.platformWarmup(r))
                .isEqualTo("90 s at 5 orders/s before measuring (JIT), 450 orders, drained in 3.2 s");
        r.platformWarmup = new Results.PlatformWarmup(Duration.ofSeconds(10), 2.5,
                new Load.Result("platform warm-up", h, 24, 1, 25, 10.0, 0, "timeout"),
                new Backlog.Drain(false, Duration.ofSeconds(60), 20, 24, 7, Map.of(), Map.of(), false));
        assertThat(Report.platformWarmup(r)).isEqualTo("10 s at 2.5 orders/s before measuring (JIT), 24 orders "
                + "(1 error), not drained after 60.0 s (20 of 24 orders terminal, lag 7)");
    }

    @Test
    void theCpuTableHasTheJitColumnAfterBusy() {
        Results r = new Results();
        r.startedAt = Instant.parse("2026-01-01T10:00:00Z");
        r.finishedAt = r.startedAt.plusSeconds(600);
        r.command = "./fanout bench";
        Map<String, Double> shares = new LinkedHashMap<>();
        shares.put("order-service", 60.0);
        shares.put("kafka", 10.0);
        shares.put(Machine.OTHER, 5.0);
        shares.put(Machine.IDLE, 125.0);
        r.cpu.put("platform warm-up at 5/s", new Machine.Usage(shares, 31.6, 90, 2));
        String md = Report.render(r);
        assertThat(md).contains("| measurement | busy | of which JIT | order | kafka | other processes | idle |\n"
                + "|---|---|---|---|---|---|---|\n"
                + "| platform warm-up at 5/s | 75 % | 32 % | 60 % | 10 % | 5 % | 125 % |\n");
        assertThat(md).contains("\"of which JIT\"");
    }

    @Test
    void durationsAcceptTheUsualSpellings() {
        assertThat(Settings.DurationConverter.parse("20s")).isEqualTo(Duration.ofSeconds(20));
        assertThat(Settings.DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Settings.DurationConverter.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Settings.DurationConverter.parse("15")).isEqualTo(Duration.ofSeconds(15));
        assertThat(Settings.DurationConverter.parse("PT30S")).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void commandLineIsQuotedForTheShell() {
        assertThat(Bench.commandLine(new String[] { "--quick", "--only", "intake,reads" }))
                .isEqualTo("./fanout bench --quick --only intake,reads");
        assertThat(Bench.commandLine(new String[] { "--out", "my file.md" }))
                .isEqualTo("./fanout bench --out 'my file.md'");
    }
}
