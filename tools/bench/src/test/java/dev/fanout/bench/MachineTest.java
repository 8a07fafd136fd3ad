package dev.fanout.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class MachineTest {

    /** A thread's stat line: utime 4100 and stime 250 are fields 14 and 15, cutime and cstime (7, 3) 16 and 17. */
    private static String stat(long tid, String comm, long utime, long stime) {
        return tid + " (" + comm + ") S 1 31745 31745 0 -1 4194368 27 0 0 0 " + utime + " " + stime
                + " 7 3 20 0 101 0 190779 4357804032 100555 18446744073709551615 0 0 0 0 0 0 4 0 16800975 1 0 0 -1\n";
    }

    @Test
    void readsTicksAfterACommandNameWithSpacesAndParentheses() {
        String c2 = stat(1234, "C2 CompilerThre", 4100, 250);
        assertThat(Machine.statComm(c2)).isEqualTo("C2 CompilerThre");
        assertThat(Machine.statTicks(c2, false)).hasValue(4350);
        assertThat(Machine.statTicks(c2, true)).hasValue(4360);
        // a name may itself hold ") S 9 9": the fields start after the last ')'
        String odd = stat(77, "a) S 9 9 (b", 10, 5);
        assertThat(Machine.statComm(odd)).isEqualTo("a) S 9 9 (b");
        assertThat(Machine.statTicks(odd, false)).hasValue(15);
    }

    @Test
    void aLineThatIsNotAStatLineHasNoTicks() {
        assertThat(Machine.statTicks("", false)).isEmpty(); // the thread or process is gone
        assertThat(Machine.statTicks("1234 (java)", false)).isEmpty();
        assertThat(Machine.statTicks("1234 (java) S 1 2 3", false)).isEmpty(); // read half-way
        assertThat(Machine.statTicks(stat(1, "java", 1, 2).replace(" 1 2 7 3 ", " x y 7 3 "), false)).isEmpty();
        assertThat(Machine.statComm("")).isEmpty();
    }

    @Test
    void countsOnlyTheJitCompilerThreads() {
        assertThat(Machine.isJitThread("C1 CompilerThre")).isTrue();
        assertThat(Machine.isJitThread("C2 CompilerThre")).isTrue();
        assertThat(Machine.isJitThread("VM Thread")).isFalse();
        assertThat(Machine.isJitThread("vert.x-eventloo")).isFalse();
        List<String> tasks = List.of(stat(10, "java", 900, 100), stat(11, "C2 CompilerThre", 300, 20),
                stat(12, "C1 CompilerThre", 50, 5), "" /* exited between the listing and the read */,
                stat(13, "C2 CompilerThre", 7, 0), stat(14, "vert.x-eventloo", 400, 40));
        assertThat(Machine.jitTicks(tasks)).isEqualTo(382);
        assertThat(Machine.jitTicks(List.of())).isZero();
    }

    @Test
    void jitDeltaIsPerServiceAndNeverNegative() {
        // 100: compiled 40 more ticks; 200: a compiler thread with 90 ticks exited, the others added 30 -> 0, not -60;
        // 300: launched since the start (all its threads are new); 400: gone at the end, nothing to count
        Map<Long, Long> start = Map.of(100L, 500L, 200L, 900L, 400L, 70L);
        Map<Long, Long> end = Map.of(100L, 540L, 200L, 840L, 300L, 25L);
        assertThat(Machine.jitDelta(start, end)).isEqualTo(40 + 0 + 25);
        assertThat(Machine.jitDelta(Map.of(), Map.of())).isZero();
    }

    @Test
    void aProcessThatIsGoneCountsZeroAndFailsNothing() {
        long gone = Long.MAX_VALUE;
        assertThat(Machine.jitTicks(gone)).isZero();
        assertThat(Machine.cpuTicks(gone, false)).isEmpty();
        Machine.Usage u = new Machine.CpuWindow(Map.of("order-service", () -> List.of(gone)), Set.of("order-service"))
                .begin().end();
        assertThat(u.jit()).isZero();
        assertThat(u.shares()).containsEntry("order-service", 0.0);
    }
}
