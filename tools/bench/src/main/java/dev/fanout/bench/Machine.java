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
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return OptionalLong.empty();
        }
        String[] f = stat.substring(close + 2).split(" ");
        // after "pid (comm) ": state is f[0]; utime f[11], stime f[12], cutime f[13], cstime f[14]
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        if (withChildren) {
            ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
        }
        return OptionalLong.of(ticks);
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
     * machine), plus "other" (everything else that ran) and the machine's idle share.
     */
    static final class CpuWindow {
        private final Map<String, Supplier<List<Long>>> groups;
        private final Map<Long, Long> startPerPid = new java.util.HashMap<>();
        private long[] startMachine;
        private long startNanos;

        CpuWindow(Map<String, Supplier<List<Long>>> groups) {
            this.groups = groups;
        }

        CpuWindow begin() {
            startMachine = machineTicks();
            startNanos = System.nanoTime();
            groups.forEach((name, pids) -> {
                for (long pid : pids.get()) {
                    cpuTicks(pid, WITH_CHILDREN.contains(name)).ifPresent(t -> startPerPid.put(pid, t));
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
            for (Map.Entry<String, Supplier<List<Long>>> g : groups.entrySet()) {
                long used = 0;
                for (long pid : g.getValue().get()) {
                    OptionalLong now = cpuTicks(pid, WITH_CHILDREN.contains(g.getKey()));
                    if (now.isPresent()) {
                        used += now.getAsLong() - startPerPid.getOrDefault(pid, 0L);
                    }
                }
                attributed += used;
                shares.put(g.getKey(), percent(used, totalTicks, cores));
            }
            long busy = totalTicks - idleTicks;
            shares.put(OTHER, percent(Math.max(0, busy - attributed), totalTicks, cores));
            shares.put(IDLE, percent(idleTicks, totalTicks, cores));
            return new Usage(shares, (System.nanoTime() - startNanos) / 1e9, cores);
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
    static final java.util.Set<String> WITH_CHILDREN = java.util.Set.of(SELF, POSTGRES);
    static final String OTHER = "other processes";
    static final String IDLE = "idle";

    record Usage(Map<String, Double> shares, double seconds, int cores) {

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
