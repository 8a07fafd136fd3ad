package dev.fanout.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** The machine as /proc sees it: facts for the report, CPU time per process group, RSS. */
final class Machine {

    private Machine() {
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    static String loadAverage() {
        String[] f = read(Path.of("/proc/loadavg")).strip().split("\\s+");
        return f.length >= 3 ? f[0] + " " + f[1] + " " + f[2] : "?";
    }

    static String memory() {
        for (String line : read(Path.of("/proc/meminfo")).lines().toList()) {
            if (line.startsWith("MemTotal:")) {
                long kb = Long.parseLong(line.replaceAll("\\D", ""));
                return String.format(java.util.Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
            }
        }
        return "?";
    }

    static String cpuModel() {
        for (String line : read(Path.of("/proc/cpuinfo")).lines().toList()) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).strip();
            }
        }
        return System.getProperty("os.arch");
    }

    static String os() {
        String pretty = "";
        for (String line : read(Path.of("/etc/os-release")).lines().toList()) {
            if (line.startsWith("PRETTY_NAME=")) {
                pretty = line.substring("PRETTY_NAME=".length()).replace("\"", "");
            }
        }
        return (pretty.isEmpty() ? System.getProperty("os.name") : pretty) + ", kernel "
                + System.getProperty("os.version");
    }

    /** VmRSS of a process, in MiB. */
    static OptionalLong rssMiB(long pid) {
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).lines().toList()) {
            if (line.startsWith("VmRSS:")) {
                return OptionalLong.of(Long.parseLong(line.replaceAll("\\D", "")) / 1024);
            }
        }
        return OptionalLong.empty();
    }

    /** utime + stime (+ reaped children's when asked) of a process, in clock ticks; empty when it is gone. */
    static OptionalLong cpuTicks(long pid, boolean withChildren) {
        return statTicks(read(Path.of("/proc", Long.toString(pid), "stat")), withChildren);
    }

    /**
     * utime + stime (fields 14 and 15; + cutime and cstime when asked) of a {@code stat} line of a process or a
     * thread; empty when the line is not one (gone, read half-way). The command name may hold spaces and
     * parentheses ({@code 1234 (C2 CompilerThre) S ...}), so the fields are counted from its last ')'.
     */
    static OptionalLong statTicks(String stat, boolean withChildren) {
        int close = stat.lastIndexOf(')');
        if (close < 0 || close + 2 > stat.length()) {
            return OptionalLong.empty();
        }
        String[] f = stat.substring(close + 2).strip().split(" ");
        if (f.length < 15) {
            return OptionalLong.empty();
        }
        try {
            // after "pid (comm) ": state is f[0]; utime f[11], stime f[12], cutime f[13], cstime f[14]
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            if (withChildren) {
                ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
            }
            return OptionalLong.of(ticks);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The command name of a {@code stat} line: between the first '(' and the last ')'; empty when there is none. */
    static String statComm(String stat) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        return open < 0 || close < open ? "" : stat.substring(open + 1, close);
    }

    /**
     * HotSpot's JIT compiler threads, as the kernel names them (thread names cut to 15 characters): "C2
     * CompilerThread0" is {@code C2 CompilerThre}. With dynamic compiler threads (the default) there may be several,
     * and they come and go.
     */
    static boolean isJitThread(String comm) {
        return comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre");
    }

    /** CPU ticks of the JIT compiler threads among these {@code /proc/<pid>/task/<tid>/stat} lines. */
    static long jitTicks(List<String> taskStats) {
        long ticks = 0;
        for (String stat : taskStats) {
            if (isJitThread(statComm(stat))) {
                ticks += statTicks(stat, false).orElse(0);
            }
        }
        return ticks;
    }

    /** CPU ticks of a JVM's JIT compiler threads that exist now; 0 when the process is gone. */
    static long jitTicks(long pid) {
        List<String> stats = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            // read() gives "" for a thread that ended between the listing and the read
            tasks.forEach(task -> stats.add(read(task.resolve("stat"))));
        } catch (IOException | java.io.UncheckedIOException e) {
            // the process ended: nothing to count
        }
        return jitTicks(stats);
    }

    /**
     * JIT ticks between two reads (service PID to the sum of its compiler threads' ticks), summed over the services:
     * per service the sum at the end minus the sum at the start, 0 when that is negative (a compiler thread that
     * exited took its time with it), so the result can under-count but never over-count. A PID missing at the start
     * (a service launched since) counts from 0: all of its threads are new.
     */
    static long jitDelta(Map<Long, Long> start, Map<Long, Long> end) {
        long total = 0;
        for (Map.Entry<Long, Long> e : end.entrySet()) {
            total += Math.max(0, e.getValue() - start.getOrDefault(e.getKey(), 0L));
        }
        return total;
    }

    static String comm(long pid) {
        return read(Path.of("/proc", Long.toString(pid), "comm")).strip();
    }

    /** All processes whose command name is {@code name} (postgres backends, redis-server). */
    static List<Long> pidsNamed(String name) {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.map(p -> p.getFileName().toString()).filter(s -> s.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong).filter(pid -> comm(pid).equals(name)).forEach(pids::add);
        } catch (IOException e) {
            // no /proc: nothing to attribute
        }
        return pids;
    }

    /** Total and idle (idle + iowait) ticks of all CPUs, from /proc/stat. */
    static long[] machineTicks() {
        for (String line : read(Path.of("/proc/stat")).lines().toList()) {
            if (line.startsWith("cpu ")) {
                String[] f = line.strip().split("\\s+");
                long total = 0;
                for (int i = 1; i < Math.min(f.length, 9); i++) { // user..steal; guest is inside user
                    total += Long.parseLong(f[i]);
                }
                long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                return new long[] { total, idle };
            }
        }
        return new long[] { 0, 0 };
    }

    /**
     * CPU used by named groups of processes between two snapshots, in % of one core (200 % = both cores of this
     * machine), plus "other" (everything else that ran) and the machine's idle share; and how much of the JVM
     * groups' CPU their JIT compiler threads used (on two cores, a freshly started service compiles for minutes).
     */
    static final class CpuWindow {
        private final Map<String, Supplier<List<Long>>> groups;
        private final Set<String> jvms;
        private final Map<Long, Long> startPerPid = new java.util.HashMap<>();
        private final Map<Long, Long> startJit = new java.util.HashMap<>();
        private long[] startMachine;
        private long startNanos;

        /** {@code jvms}: the groups (HotSpot JVMs) whose JIT compiler threads are counted. */
        CpuWindow(Map<String, Supplier<List<Long>>> groups, Set<String> jvms) {
            this.groups = groups;
            this.jvms = jvms;
        }

        CpuWindow begin() {
            startMachine = machineTicks();
            startNanos = System.nanoTime();
            groups.forEach((name, pids) -> {
                for (long pid : pids.get()) {
                    cpuTicks(pid, WITH_CHILDREN.contains(name)).ifPresent(t -> startPerPid.put(pid, t));
                    if (jvms.contains(name)) {
                        startJit.put(pid, jitTicks(pid));
                    }
                }
            });
            return this;
        }

        /** Shares since {@link #begin()}: group to % of one core; keys "other" and "idle" added. */
        Usage end() {
            long[] machine = machineTicks();
            long totalTicks = machine[0] - startMachine[0];
            long idleTicks = machine[1] - startMachine[1];
            int cores = Runtime.getRuntime().availableProcessors();
            Map<String, Double> shares = new LinkedHashMap<>();
            long attributed = 0;
            Map<Long, Long> endJit = new java.util.HashMap<>();
            for (Map.Entry<String, Supplier<List<Long>>> g : groups.entrySet()) {
                long used = 0;
                for (long pid : g.getValue().get()) {
                    OptionalLong now = cpuTicks(pid, WITH_CHILDREN.contains(g.getKey()));
                    if (now.isPresent()) {
                        used += now.getAsLong() - startPerPid.getOrDefault(pid, 0L);
                        if (jvms.contains(g.getKey())) {
                            endJit.put(pid, jitTicks(pid));
                        }
                    }
                }
                attributed += used;
                shares.put(g.getKey(), percent(used, totalTicks, cores));
            }
            long busy = totalTicks - idleTicks;
            shares.put(OTHER, percent(Math.max(0, busy - attributed), totalTicks, cores));
            shares.put(IDLE, percent(idleTicks, totalTicks, cores));
            double jit = percent(jitDelta(startJit, endJit), totalTicks, cores);
            return new Usage(shares, jit, (System.nanoTime() - startNanos) / 1e9, cores);
        }

        private static double percent(long ticks, long totalTicks, int cores) {
            return totalTicks <= 0 ? 0 : 100.0 * cores * ticks / totalTicks;
        }
    }

    static final String SELF = "bench driver";
    static final String POSTGRES = "postgres";
    /**
     * Groups whose reaped children count too: the driver (pgbench, redis-benchmark) and PostgreSQL (a backend that
     * exits is reaped by the postmaster, its CPU time moves into the postmaster's children's time).
     */
    static final Set<String> WITH_CHILDREN = Set.of(SELF, POSTGRES);
    static final String OTHER = "other processes";
    static final String IDLE = "idle";

    /** {@code jit}: the part of the JVM groups' shares their JIT compiler threads used, in % of one core. */
    record Usage(Map<String, Double> shares, double jit, double seconds, int cores) {

        double busy() {
            return 100.0 * cores - shares.getOrDefault(IDLE, 0.0);
        }

        /** The busiest group other than idle. */
        Optional<Map.Entry<String, Double>> top() {
            return shares.entrySet().stream().filter(e -> !e.getKey().equals(IDLE))
                    .max(Map.Entry.comparingByValue());
        }
    }
}
