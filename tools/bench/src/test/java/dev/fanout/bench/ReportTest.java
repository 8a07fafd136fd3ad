package dev.fanout.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

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
