import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Times Fanout's services from launch to ready, and their RSS after start, for several packagings (fast-jar,
 * AppCDS, AOT cache) and JVM flag sets. Run by {@code src-native/measure-startup.sh}, which builds the variants and
 * starts the {@code startup} stack first; see docs/startup.md. A single-file program (JDK 17+:
 * {@code java src-native/MeasureStartup.java ...}), so it needs no build of its own.
 *
 * <p>Per run: the clock starts just before the JVM process is created and stops at the first 200 from
 * {@code /q/health/ready} (polled every 20 ms from this JVM, no process forks in between); RSS is {@code VmRSS}
 * from {@code /proc/<pid>/status} at that moment and again {@value #SETTLE_MS} ms later (consumers joined, idle).
 * Runs are interleaved (run 1 of every service and variant, then run 2, ...), so noise from the shared machine
 * spreads over all variants instead of hitting one. One untimed warm-up start per service and variant comes first
 * (page cache, Flyway's first migration, Kafka's first consumer group join).
 *
 * <pre>
 * java src-native/MeasureStartup.java --apps .fanout/startup/apps --runs 5 \
 *     --variant 'fast-jar|/usr/lib/jvm/java-17-openjdk-amd64|fast-jar|' \
 *     --variant 'aot|/usr/lib/jvm/temurin-25-jdk-amd64|aot|-XX:AOTCache={app}/app.aot' ...
 * </pre>
 * A variant is {@code name|JAVA_HOME|app folder|JVM flags}: the app folder is a folder under {@code --apps} holding
 * one quarkus-app per service, or a path with {@code {service}} in it; {@code {app}} in the flags is replaced by the
 * service's quarkus-app folder.
 */
public class MeasureStartup {

    static final long SETTLE_MS = 2000;
    static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    static final String[] SERVICES = { "order-service", "billing-service", "fulfilment-service",
            "notification-service", "analytics-service" };

    record Variant(String name, Path javaHome, String appDir, List<String> flags) {
    }

    record Run(String service, String variant, double readySeconds, long rssAtReadyKb, long rssSettledKb, long anonKb,
            long fileKb, double cpuSeconds, double jitSeconds) {
    }

    /** CPU time a process has used, all threads, and the part of it spent by the JIT compiler threads. */
    record Cpu(double seconds, double jitSeconds) {
    }

    public static void main(String[] args) throws Exception {
        Path apps = Path.of(".fanout/startup/apps");
        int runs = 5;
        int firstPort = 28080;
        String kafka = "127.0.0.1:29092";
        String database = "fanout_startup";
        int redisDb = 5;
        Path out = null;
        List<String> services = new ArrayList<>(List.of(SERVICES));
        List<Variant> variants = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--apps" -> apps = Path.of(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--first-port" -> firstPort = Integer.parseInt(args[++i]);
                case "--kafka" -> kafka = args[++i];
                case "--database" -> database = args[++i];
                case "--redis-db" -> redisDb = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--services" -> services = List.of(args[++i].split(","));
                case "--variant" -> {
                    String[] p = args[++i].split("\\|", -1);
                    if (p.length != 4) {
                        throw new IllegalArgumentException("--variant name|JAVA_HOME|app-dir|flags, got " + args[i]);
                    }
                    variants.add(new Variant(p[0], Path.of(p[1]), p[2],
                            p[3].isBlank() ? List.of() : List.of(p[3].trim().split("\\s+"))));
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("no --variant given");
        }
        for (Variant v : variants) {
            for (String s : services) {
                Path jar = appOf(apps, v, s).resolve("quarkus-run.jar");
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalStateException("missing " + jar + " (build the variants first)");
                }
            }
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:5432/" + database);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/" + database);
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_REDIS_HOSTS", "redis://127.0.0.1:6379/" + redisDb);

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(250)).build();
        Path logs = Files.createDirectories(apps.getParent().resolve("logs"));
        System.out.printf("warm-up: one untimed start per service and variant (%d)%n", services.size() * variants.size());
        for (Variant v : variants) {
            for (String s : services) {
                Run r = once(http, logs, apps, v, s, port(firstPort, s), env);
                System.out.printf("  warm-up %-20s %-22s %5.2f s%n", s, v.name(), r.readySeconds());
            }
        }
        List<Run> results = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            for (String s : services) {
                for (Variant v : variants) {
                    Run r = once(http, logs, apps, v, s, port(firstPort, s), env);
                    results.add(r);
                    System.out.printf("  run %d %-20s %-22s ready %5.2f s  RSS %4d MB (+%d s: %4d MB, anon %d, file %d)%n",
                            run, s, v.name(), r.readySeconds(), r.rssAtReadyKb() / 1024, SETTLE_MS / 1000,
                            r.rssSettledKb() / 1024, r.anonKb() / 1024, r.fileKb() / 1024);
                }
            }
        }
        String table = table(results, services, variants, runs);
        System.out.println();
        System.out.println(table);
        if (out != null) {
            StringBuilder csv = new StringBuilder(
                    "service,variant,ready_s,rss_at_ready_kb,rss_settled_kb,rss_anon_kb,rss_file_kb,cpu_s,jit_cpu_s\n");
            for (Run r : results) {
                csv.append(String.format(Locale.ROOT, "%s,%s,%.3f,%d,%d,%d,%d,%.2f,%.2f%n", r.service(), r.variant(),
                        r.readySeconds(), r.rssAtReadyKb(), r.rssSettledKb(), r.anonKb(), r.fileKb(), r.cpuSeconds(),
                        r.jitSeconds()));
            }
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, "<!-- " + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                    + " -->\n" + table + "\n");
            Files.writeString(Path.of(out.toString().replaceFirst("\\.md$", "") + ".csv"), csv);
            System.out.println("written: " + out);
        }
    }

    static int port(int firstPort, String service) {
        for (int i = 0; i < SERVICES.length; i++) {
            if (SERVICES[i].equals(service)) {
                return firstPort + i;
            }
        }
        throw new IllegalArgumentException(service);
    }

    static Run once(HttpClient http, Path logs, Path apps, Variant v, String service, int port, Map<String, String> env)
            throws Exception {
        Path app = appOf(apps, v, service);
        List<String> command = new ArrayList<>();
        command.add(v.javaHome().resolve("bin/java").toString());
        for (String flag : v.flags()) {
            command.add(flag.replace("{app}", app.toString()));
        }
        // what every image and the local stack pass anyway (Dockerfile.jvm's ENTRYPOINT)
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
        command.add("-jar");
        command.add(app.resolve("quarkus-run.jar").toString());
        ProcessBuilder pb = new ProcessBuilder(command).directory(app.toFile()).redirectErrorStream(true)
                .redirectOutput(logs.resolve(service + "-" + v.name() + ".log").toFile());
        pb.environment().putAll(env);
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofMillis(500)).build();
        if (answers(http, ready) >= 0) {
            throw new IllegalStateException("port " + port + " is already in use: something else runs there");
        }
        long start = System.nanoTime();
        Process process = pb.start();
        try {
            long deadline = start + READY_TIMEOUT.toNanos();
            while (true) {
                if (answers(http, ready) == 200) {
                    break;
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException(service + " (" + v.name() + ") exited with " + process.exitValue()
                            + "; see " + logs.resolve(service + "-" + v.name() + ".log"));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(service + " (" + v.name() + ") not ready in " + READY_TIMEOUT);
                }
                Thread.sleep(20);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long rssReady = status(process.pid(), "VmRSS:");
            Cpu cpu = cpu(process.pid());
            Thread.sleep(SETTLE_MS);
            long rssSettled = status(process.pid(), "VmRSS:");
            return new Run(service, v.name(), seconds, rssReady, rssSettled, status(process.pid(), "RssAnon:"),
                    status(process.pid(), "RssFile:"), cpu.seconds(), cpu.jitSeconds());
        } finally {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            Thread.sleep(500);
        }
    }

    /**
     * A service's quarkus-app folder: {@code <apps>/<app dir>/<service>}, or the app dir itself with {@code {service}}
     * replaced. An AOT cache has to be run where it was trained (Quarkus 3.33's aot-jar finds its
     * quarkus-application.dat from a code source the cache recorded), so the AOT variant runs from
     * {@code services/{service}/target/quarkus-app}.
     */
    static Path appOf(Path apps, Variant v, String service) {
        return (v.appDir().contains("{service}") ? Path.of(v.appDir().replace("{service}", service))
                : apps.resolve(v.appDir()).resolve(service)).toAbsolutePath();
    }

    static int answers(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** A kB figure from /proc/PID/status: VmRSS (all resident), RssAnon (heap, stacks, malloc), RssFile (mapped files). */
    static long status(long pid, String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /**
     * utime + stime of every thread in /proc/PID/task, in clock ticks of 1/100 s (USER_HZ, fixed at 100 in the Linux
     * ABI on x86-64 and arm64); the JIT's are the threads HotSpot names "C1 CompilerThread*" and "C2 CompilerThread*".
     * On two cores the JIT competes with the main thread for CPU, which is why a start's CPU time matters.
     */
    static Cpu cpu(long pid) throws IOException {
        long total = 0;
        long jit = 0;
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException threadEnded) {
                    continue; // ended between listing and reading: its time is not counted
                }
                // "tid (comm) state ...": utime and stime are fields 11 and 12 after the comm's closing parenthesis
                int close = stat.lastIndexOf(')');
                String comm = stat.substring(stat.indexOf('(') + 1, close);
                String[] fields = stat.substring(close + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                total += ticks;
                if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
                    jit += ticks;
                }
            }
        }
        return new Cpu(total / 100.0, jit / 100.0);
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String table(List<Run> results, List<String> services, List<Variant> variants, int runs) {
        StringBuilder t = new StringBuilder();
        t.append(String.format("Median of %d runs: launch to first 200 on /q/health/ready (min-max), RSS at ready, RSS %d s "
                + "later, and that RSS split into anonymous memory (heap, metaspace, stacks, malloc) and mapped files "
                + "(jars, the JDK's modules, the CDS/AOT archive: clean pages the kernel can drop and share); CPU time "
                + "the process used from launch to ready, all threads, and the JIT compiler threads' part of it.%n%n", runs,
                SETTLE_MS / 1000));
        t.append("| service | variant | ready (s) | min-max (s) | RSS at ready (MB) | RSS +").append(SETTLE_MS / 1000)
                .append(" s (MB) | of which anon / file (MB) | CPU to ready (s) | of which JIT (s) |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        for (String s : services) {
            for (Variant v : variants) {
                List<Run> rs = results.stream().filter(r -> r.service().equals(s) && r.variant().equals(v.name()))
                        .toList();
                List<Double> ready = rs.stream().map(Run::readySeconds).toList();
                t.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f-%.2f | %.0f | %.0f | %.0f / %.0f | %.1f | %.1f |%n", s,
                        v.name(),
                        median(ready), ready.stream().mapToDouble(d -> d).min().orElse(0),
                        ready.stream().mapToDouble(d -> d).max().orElse(0),
                        median(rs.stream().map(r -> r.rssAtReadyKb() / 1024.0).toList()),
                        median(rs.stream().map(r -> r.rssSettledKb() / 1024.0).toList()),
                        median(rs.stream().map(r -> r.anonKb() / 1024.0).toList()),
                        median(rs.stream().map(r -> r.fileKb() / 1024.0).toList()),
                        median(rs.stream().map(Run::cpuSeconds).toList()),
                        median(rs.stream().map(Run::jitSeconds).toList())));
            }
        }
        return t.toString();
    }
}
