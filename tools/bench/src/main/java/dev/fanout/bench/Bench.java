package dev.fanout.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import dev.fanout.devstack.ManagedProcess;
import dev.fanout.devstack.Net;
import dev.fanout.devstack.ProjectLayout;
import dev.fanout.devstack.ServiceApp;
import dev.fanout.devstack.Stack;
import dev.fanout.devstack.StackProfile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ./fanout bench}: the local benchmark. Against the running dev stack, in one run: intake against pgbench,
 * hot reads against redis-benchmark and the HTTP floor, the highest sustained order rate end to end with the
 * journey percentiles from the services' own metrics, launch-to-ready and RSS per service, and decoupling (order
 * intake while fulfilment is stopped, then slowed). Writes the generated part of {@code docs/benchmarks.md}.
 */
@Command(name = "fanout bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = { "The local benchmark: ratios against baselines measured in the same run, written to "
                + "docs/benchmarks.md (between <!-- bench:begin --> and <!-- bench:end -->).",
                "Needs the dev stack: ./fanout up." })
public final class Bench implements Callable<Integer> {

    static final StackProfile PROFILE = StackProfile.DEV;
    static final ServiceApp ORDER = ServiceApp.named("order-service");
    static final ServiceApp FULFILMENT = ServiceApp.named("fulfilment-service");
    static final String READ_SOURCE = "X-Fanout-Read-Source";

    @Mixin
    Settings settings = new Settings();

    private String[] args = new String[0];
    private Stack stack;
    private ProjectLayout layout;
    private Backlog backlog;
    private Load load;
    private OrderMix mix;
    private final Results results = new Results();
    private volatile boolean fulfilmentSlowed;
    private volatile boolean touchingServices;

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Bench bench = new Bench();
        bench.args = args;
        int status = new CommandLine(bench)
                .setExecutionExceptionHandler((e, cmd, parse) -> {
                    cmd.getErr().println("fanout bench: " + e.getMessage());
                    if (System.getenv("FANOUT_BENCH_DEBUG") != null) {
                        e.printStackTrace(cmd.getErr());
                    }
                    return 2;
                })
                .execute(args);
        System.exit(status);
    }

    @Override
    public Integer call() throws Exception {
        settings.validate();
        layout = ProjectLayout.find();
        stack = new Stack(layout, PROFILE);
        results.startedAt = Instant.now();
        results.command = commandLine(args);
        results.quick = settings.quick;
        results.phases = List.copyOf(settings.phases());
        results.loadAtStart = Machine.loadAverage();

        List<String> problems = preconditions();
        if (!problems.isEmpty()) {
            System.err.println("fanout bench: the stack is not ready:");
            problems.forEach(p -> System.err.println("  - " + p));
            System.err.println("Start it with ./fanout up (./fanout status shows what runs).");
            return 1;
        }
        facts();

        load = new Load(StackProfile.HOST, ORDER.port(PROFILE), Duration.ofSeconds(30), settings.client());
        results.client = settings.client();
        mix = new OrderMix(settings.declineShare());
        Thread restorer = new Thread(this::restoreServices, "bench-restore");
        Runtime.getRuntime().addShutdownHook(restorer);
        try (Backlog b = new Backlog(PROFILE.kafkaBootstrap(), PROFILE.jdbcDatasourceUrl(),
                StackProfile.POSTGRES_USER)) {
            backlog = b;
            settle();
            Map<org.apache.kafka.common.TopicPartition, Long> deadLettersBefore = backlog.deadLetterEnds();
            platformWarmup();
            idleCpu();
            List<UUID> placed = new ArrayList<>();
            if (settings.phases().contains("intake")) {
                placed.addAll(intake());
            }
            if (settings.phases().contains("reads")) {
                reads(placed);
            }
            if (settings.phases().contains("sustained")) {
                sustained();
            }
            if (settings.phases().contains("decoupling")) {
                decoupling();
            }
            if (settings.phases().contains("startup")) {
                startup();
            }
            results.deadLetters = backlog.deadLettersSince(deadLettersBefore, PROFILE.kafkaBootstrap(), 500);
        } finally {
            restoreServices();
            try {
                Runtime.getRuntime().removeShutdownHook(restorer);
            } catch (IllegalStateException e) {
                // shutting down already
            }
            load.close();
        }
        results.loadAtEnd = Machine.loadAverage();
        results.finishedAt = Instant.now();

        String section = Report.render(results);
        System.out.println();
        System.out.println(section);
        if (!settings.noWrite) {
            Path out = layout.root().resolve(settings.out());
            String existing = Files.exists(out) ? Files.readString(out) : null;
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, Report.splice(existing, section), StandardCharsets.UTF_8);
            System.out.println("Written to " + layout.root().relativize(out.toAbsolutePath()));
        }
        return 0;
    }

    // ------------------------------------------------------------------ preconditions and facts

    private List<String> preconditions() {
        List<String> problems = new ArrayList<>();
        if (!Net.isOpen(StackProfile.HOST, PROFILE.kafkaPort())) {
            problems.add("Kafka does not answer on " + PROFILE.kafkaBootstrap());
        }
        if (!Net.isOpen(StackProfile.HOST, StackProfile.POSTGRES_PORT)) {
            problems.add("PostgreSQL does not answer on 127.0.0.1:" + StackProfile.POSTGRES_PORT);
        }
        if (!Net.isOpen(StackProfile.HOST, StackProfile.REDIS_PORT)) {
            problems.add("Redis does not answer on 127.0.0.1:" + StackProfile.REDIS_PORT);
        }
        for (ServiceApp app : ServiceApp.ALL) {
            int status = Net.httpStatus(app.url(PROFILE) + "/q/health/ready");
            if (status != 200) {
                boolean running = stack.process(app).isRunning();
                problems.add(app.name() + " is not ready (" + app.url(PROFILE) + "/q/health/ready answered "
                        + (status < 0 ? "nothing" : Integer.toString(status))
                        + (running ? "; its process runs" : "; not running") + ")");
            }
        }
        return problems;
    }

    private void facts() {
        Map<String, String> m = results.machine;
        m.put("CPU", Runtime.getRuntime().availableProcessors() + " cores (" + Machine.cpuModel() + ")");
        m.put("memory", Machine.memory());
        m.put("OS", Machine.os());
        m.put("Java (driver)", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("Java (services)", servicesJava());
        try (var c = java.sql.DriverManager.getConnection(PROFILE.jdbcDatasourceUrl(), StackProfile.POSTGRES_USER, "");
                var st = c.createStatement(); var rs = st.executeQuery("SHOW server_version")) {
            rs.next();
            m.put("PostgreSQL", rs.getString(1));
        } catch (Exception e) {
            m.put("PostgreSQL", "? (" + e.getMessage() + ")");
        }
        m.put("Redis", redisVersion());
        m.put("Kafka", kafkaVersion() + " (KRaft, one node, " + PROFILE.kafkaBootstrap() + ")");
        m.put("pgbench", Proc.firstLine(List.of("pgbench", "--version")).orElse("not installed"));
        m.put("redis-benchmark", Proc.firstLine(List.of("redis-benchmark", "--version")).orElse("not installed"));
    }

    /** The JVM order-service runs on (from its /proc/<pid>/exe), and its version. */
    private String servicesJava() {
        Optional<ProcessHandle> handle = stack.process(ORDER).handle();
        if (handle.isEmpty()) {
            return "?";
        }
        try {
            Path exe = Path.of("/proc", Long.toString(handle.get().pid()), "exe").toRealPath();
            String version = Proc.firstLine(List.of(exe.toString(), "-version")).orElse("?");
            return version + " (" + exe + "; -Xms64m -Xmx384m -XX:+UseSerialGC, as devstack starts them)";
        } catch (IOException e) {
            return "?";
        }
    }

    private static String redisVersion() {
        try (var socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(StackProfile.HOST, StackProfile.REDIS_PORT), 1000);
            socket.setSoTimeout(3000);
            socket.getOutputStream().write("*2\r\n$4\r\nINFO\r\n$6\r\nserver\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] buffer = new byte[8192];
            int n = socket.getInputStream().read(buffer);
            String info = new String(buffer, 0, Math.max(0, n), StandardCharsets.US_ASCII);
            return info.lines().filter(l -> l.startsWith("redis_version:")).findFirst()
                    .map(l -> l.substring("redis_version:".length()).strip()).orElse("?");
        } catch (IOException e) {
            return "? (" + e.getMessage() + ")";
        }
    }

    private String kafkaVersion() {
        try {
            String classpath = Files.readString(layout.kafkaClasspathFile());
            var matcher = java.util.regex.Pattern.compile("kafka_[0-9.]+-([0-9][^/:]*)\\.jar").matcher(classpath);
            return matcher.find() ? matcher.group(1) : "?";
        } catch (IOException e) {
            return "?";
        }
    }

    /** Waits (bounded) for a backlog left by earlier work to clear: measuring on top of it would measure it. */
    private void settle() throws Exception {
        List<String> groups = backlog.liveGroups();
        long before = backlog.totalLag(groups);
        if (before <= settings.lagBound()) {
            results.settle = "no backlog at start (lag " + before + ")";
            return;
        }
        log("settle", "consumer lag %d records at start: waiting up to %d s for it to clear", before,
                settings.settleTimeout().toSeconds());
        Backlog.Drain drain = backlog.awaitDrained(List.of(), groups, settings.lagBound(), settings.settleTimeout(),
                Duration.ofSeconds(1));
        results.settle = drain.done()
                ? String.format(Locale.ROOT, "a backlog of %d records was left from earlier work; waited %.0f s for it "
                        + "to clear", before, drain.took().toMillis() / 1000.0)
                : String.format(Locale.ROOT, "a backlog of %d records was left from earlier work and was still %d after "
                        + "%d s: the numbers below include that work", before, drain.lag(),
                        settings.settleTimeout().toSeconds());
        if (!drain.done()) {
            results.notes.add("Started with a backlog that did not clear (" + drain.lagByGroup() + ").");
        }
    }

    // ------------------------------------------------------------------ intake

    private RawHttp.Request postOrder() {
        OrderMix.Order order = mix.next();
        return new RawHttp.Request("POST", "/orders", Map.of("Content-Type", "application/json",
                "Idempotency-Key", order.idempotencyKey()), order.json().getBytes(StandardCharsets.UTF_8));
    }

    /** Accepts 201 and remembers the order's id (from Location). */
    private static Load.Check placedInto(ConcurrentLinkedQueue<UUID> ids) {
        return response -> {
            if (response.status() != 201) {
                return false;
            }
            String location = response.header("Location");
            if (location != null) {
                ids.add(UUID.fromString(location.substring(location.lastIndexOf('/') + 1)));
            }
            return true;
        };
    }

    /**
     * The whole journey at a modest rate before anything is measured. Each phase warms up the endpoint it measures,
     * but the consumers (Kafka to PostgreSQL in all five services) run only once orders flow, and on two cores the
     * services' JIT compiler threads take about as much CPU as their event loops for the first minutes: measured
     * cold, the sustained rate came out at two thirds of what the same stack sustained a few minutes later.
     */
    private void platformWarmup() throws Exception {
        if (!settings.measuresRunningServices()) {
            return; // only startup: it launches fresh JVMs, nothing to warm
        }
        if (settings.platformWarmup().isZero()) {
            results.platformWarmupSkipped = "none (--platform-warmup=0): the consumers were measured cold";
            return;
        }
        double rate = settings.platformWarmupRate();
        Duration duration = settings.platformWarmup();
        log("warm-up", "the whole journey at %s orders/s for %d s (JIT: consumers as well as endpoints)", fmt(rate),
                duration.toSeconds());
        ConcurrentLinkedQueue<UUID> ids = new ConcurrentLinkedQueue<>();
        Machine.CpuWindow cpu = cpuWindow().begin();
        Load.Result post = load.open("platform warm-up", rate, duration, settings.maxOutstanding(), this::postOrder,
                placedInto(ids));
        results.cpu.put("platform warm-up at " + fmt(rate) + "/s", cpu.end());
        Backlog.Drain drain = quiet("after the platform warm-up", new ArrayList<>(ids));
        results.platformWarmup = new Results.PlatformWarmup(duration, rate, post, drain);
        log("warm-up", "%d orders, %d errors; %s %.1f s later", post.ok(), post.errors(),
                drain.done() ? "quiet" : "still not quiet", drain.took().toMillis() / 1000.0);
    }

    /** What the stack burns with no requests (consumers polling, relays, schedulers, metrics). */
    private void idleCpu() throws InterruptedException {
        Duration d = Duration.ofSeconds(settings.quick ? 3 : 10);
        log("bench", "measuring the idle stack's CPU for %d s", d.toSeconds());
        Machine.CpuWindow cpu = cpuWindow().begin();
        Thread.sleep(d.toMillis());
        results.cpu.put("stack idle (no requests)", cpu.end());
    }

    private List<UUID> intake() throws Exception {
        int c = settings.intakeConcurrency();
        results.intakeConcurrency = c;
        ConcurrentLinkedQueue<UUID> warm = new ConcurrentLinkedQueue<>();
        log("intake", "warm-up: POST /orders, %d workers, %d s", c, settings.warmup().toSeconds());
        load.closed("warm-up", c, settings.warmup(), this::postOrder,
                placedInto(warm));
        quiet("after the intake warm-up", new ArrayList<>(warm));

        ConcurrentLinkedQueue<UUID> ids = new ConcurrentLinkedQueue<>();
        List<PromText.Sample> before = scrape(ORDER);
        Machine.CpuWindow cpu = cpuWindow().begin();
        log("intake", "POST /orders, closed model, %d workers, %d s", c, settings.intakeDuration().toSeconds());
        Load.Result r = load.closed("POST /orders", c, settings.intakeDuration(), this::postOrder, placedInto(ids));
        results.cpu.put("intake: POST /orders", cpu.end());
        List<PromText.Sample> after = scrape(ORDER);
        results.intake = r;
        Map<String, String> post = Map.of("method", "POST", "uri", "/orders");
        results.intakeServerMeanMs = meanMs(before, after, "http_server_requests_seconds", post);
        results.intakePoolWaitMeanMs = meanMs(before, after, "postgresql_queue_delay_seconds", Map.of());
        results.intakePgQueryMeanMs = meanMs(before, after, "postgresql_processing_seconds", Map.of());
        double queries = PromText.sum(after, "postgresql_processing_seconds_count", Map.of())
                - PromText.sum(before, "postgresql_processing_seconds_count", Map.of());
        results.intakePgQueriesPerPost = r.ok() == 0 ? null : queries / r.ok();
        log("intake", "%.0f orders/s, p50 %.1f ms, p99 %.1f ms, %d errors%s", r.throughput(), r.millis(50),
                r.millis(99), r.errors(), r.firstError() == null ? "" : " (first: " + r.firstError() + ")");
        List<UUID> placed = new ArrayList<>(ids);
        results.intakeDrain = quiet("after intake", placed).took();

        if (!Proc.onPath("pgbench")) {
            results.pgbenchMissing = "pgbench is not on the PATH (Debian: apt-get install -y postgresql-client); "
                    + "no baseline was measured";
            log("intake", "%s", results.pgbenchMissing);
            return placed;
        }
        log("intake", "baseline: pgbench, the same inserts in one transaction, %d clients, %d s", c,
                settings.intakeDuration().toSeconds());
        try {
            Pgbench.createSchema(backlog.db());
            Machine.CpuWindow pgCpu = cpuWindow().begin();
            results.pgbench = Pgbench.run(c, settings.intakeDuration(), StackProfile.HOST, StackProfile.POSTGRES_PORT,
                    StackProfile.POSTGRES_USER, PROFILE.database());
            results.cpu.put("baseline: pgbench", pgCpu.end());
            log("intake", "pgbench: %.0f tx/s, p99 %.1f ms", results.pgbench.tps(),
                    results.pgbench.latencyMicros().getValueAtPercentile(99) / 1000.0);
        } catch (Exception e) {
            results.pgbenchMissing = "pgbench failed: " + e.getMessage();
            log("intake", "%s", results.pgbenchMissing);
        } finally {
            Pgbench.dropSchema(backlog.db());
        }
        return placed;
    }

    // ------------------------------------------------------------------ hot reads

    private void reads(List<UUID> placed) throws Exception {
        int c = settings.readsConcurrency();
        results.readsConcurrency = c;
        List<UUID> ids = new ArrayList<>(placed);
        if (ids.isEmpty()) {
            log("reads", "seeding orders to read (intake did not run)");
            ConcurrentLinkedQueue<UUID> seeded = new ConcurrentLinkedQueue<>();
            load.closed("seed", 8, Duration.ofSeconds(settings.quick ? 3 : 10), this::postOrder,
                    placedInto(seeded));
            ids.addAll(seeded);
            quiet("after seeding", ids);
        }
        if (ids.isEmpty()) {
            results.notes.add("Hot reads skipped: no orders could be placed to read.");
            return;
        }
        results.seededIds = ids.size();
        UUID[] pool = ids.toArray(new UUID[0]);
        Supplier<RawHttp.Request> getOrder = () -> RawHttp.Request.get("/orders/"
                + pool[ThreadLocalRandom.current().nextInt(pool.length)]);
        RawHttp.Request pingRequest = RawHttp.Request.get("/ping");
        Supplier<RawHttp.Request> ping = () -> pingRequest;
        AtomicLong cache = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        Load.Check readCheck = response -> {
            if (response.status() != 200) {
                return false;
            }
            if ("cache".equals(response.header(READ_SOURCE))) {
                cache.incrementAndGet();
            }
            bytes.addAndGet(response.body().length);
            return true;
        };
        Load.Check pong = response -> response.status() == 200;

        log("reads", "warm-up: GET /orders/{id} and GET /ping, %d s each", settings.warmup().toSeconds());
        load.closed("warm-up", c, settings.warmup(), getOrder, r -> true);
        load.closed("warm-up", c, settings.warmup(), ping, r -> true);

        log("reads", "GET /orders/{id} over %d orders, closed model, %d workers, %d s", ids.size(), c,
                settings.readsDuration().toSeconds());
        Machine.CpuWindow cpu = cpuWindow().begin();
        Load.Result r = load.closed("GET /orders/{id}", c, settings.readsDuration(), getOrder,
                readCheck);
        results.cpu.put("hot reads: GET /orders/{id}", cpu.end());
        results.reads = r;
        results.cacheHitRatio = r.ok() == 0 ? Double.NaN : (double) cache.get() / r.ok();
        results.orderJsonBytes = r.ok() == 0 ? 0 : bytes.get() / r.ok();
        log("reads", "%.0f reads/s, p99 %.2f ms, %.1f %% from Redis, %d B per order", r.throughput(), r.millis(99),
                results.cacheHitRatio * 100, results.orderJsonBytes);

        log("reads", "HTTP floor: GET /ping, %d workers, %d s", c, settings.readsDuration().toSeconds());
        Machine.CpuWindow pingCpu = cpuWindow().begin();
        results.ping = load.closed("GET /ping", c, settings.readsDuration(), ping,
                pong);
        results.cpu.put("HTTP floor: GET /ping", pingCpu.end());
        log("reads", "%.0f pings/s, p99 %.2f ms", results.ping.throughput(), results.ping.millis(99));

        if (!Proc.onPath("redis-benchmark")) {
            results.redisMissing = "redis-benchmark is not on the PATH (Debian: apt-get install -y redis-tools); "
                    + "no baseline was measured";
            return;
        }
        // SET first so that GET reads a value of an order's size (GET alone reads a missing key); database 15 keeps
        // the benchmark's key out of the order cache's database
        long size = Math.max(1, results.orderJsonBytes);
        List<String> command = List.of("redis-benchmark", "-h", StackProfile.HOST, "-p",
                Integer.toString(StackProfile.REDIS_PORT), "--dbnum", "15", "-c", Integer.toString(c), "-n",
                Integer.toString(settings.redisRequests()), "-d", Long.toString(size), "-t", "set,get", "--csv");
        results.redisCommand = String.join(" ", command);
        log("reads", "baseline: %s", results.redisCommand);
        try {
            Machine.CpuWindow redisCpu = cpuWindow().begin();
            Proc.Output out = Proc.run(command, null, Duration.ofMinutes(5));
            results.cpu.put("baseline: redis-benchmark", redisCpu.end());
            RedisBenchmarkCsv.Row get = RedisBenchmarkCsv.parse(out.text()).get("GET");
            if (out.exitCode() != 0 || get == null) {
                results.redisMissing = "redis-benchmark gave no GET result: " + Proc.tail(out.text(), 5);
            } else {
                results.redis = get;
                log("reads", "redis-benchmark GET: %.0f rps", get.rps());
            }
        } catch (IOException e) {
            results.redisMissing = "redis-benchmark failed: " + e.getMessage();
        } finally {
            // the only key redis-benchmark -t set,get writes (no -r): leave Redis as the run found it
            try {
                Proc.run(List.of("redis-cli", "-h", StackProfile.HOST, "-p",
                        Integer.toString(StackProfile.REDIS_PORT), "-n", "15", "DEL", "key:__rand_int__"), null,
                        Duration.ofSeconds(10));
            } catch (IOException e) {
                results.notes.add("Could not delete redis-benchmark's key (redis-cli -n 15 DEL key:__rand_int__): "
                        + e.getMessage());
            }
        }
    }

    // ------------------------------------------------------------------ sustained end to end

    private void sustained() throws Exception {
        Double best = null;
        for (double rate : settings.steps()) {
            Results.Step step = step(rate, settings.stepDuration());
            results.steps.add(step);
            if (!step.passed()) {
                log("sustained", "%s orders/s: not sustained (%s)", fmt(rate), step.why());
                // let what is left clear before anything else is measured
                quiet("after the failed step", List.of());
                break;
            }
            best = rate;
            log("sustained", "%s orders/s: sustained (drained in %.1f s)", fmt(rate),
                    step.drain().took().toMillis() / 1000.0);
        }
        results.sustainedRate = best;
        // what the services weigh under the heaviest load they took
        for (ServiceApp app : ServiceApp.ALL) {
            stack.process(app).handle().ifPresent(h -> Machine.rssMiB(h.pid())
                    .ifPresent(rss -> results.rssUnderLoad.put(app.name(), rss)));
        }

        double target = settings.journeyRate();
        double rate = target;
        String why = "the journey rate (" + fmt(target) + " orders/s)";
        if (best == null) {
            rate = settings.steps().get(0);
            why = "no step was sustained: measured at the lowest step, " + fmt(rate) + " orders/s";
        } else if (best < target) {
            rate = best;
            why = fmt(target) + " orders/s was not sustained: measured at the highest sustained step, " + fmt(best)
                    + " orders/s";
        }
        log("journey", "%s orders/s for %d s", fmt(rate), settings.journeyDuration().toSeconds());
        List<PromText.Sample> before = scrape(ORDER);
        ConcurrentLinkedQueue<UUID> ids = new ConcurrentLinkedQueue<>();
        Machine.CpuWindow cpu = cpuWindow().begin();
        Load.Result post = load.open("journey", rate, settings.journeyDuration(), settings.maxOutstanding(),
                this::postOrder, placedInto(ids));
        results.cpu.put("journey at " + fmt(rate) + "/s", cpu.end());
        Backlog.Drain drain = backlog.awaitDrained(new ArrayList<>(ids), backlog.liveGroups(), settings.lagBound(),
                settings.drainTimeout(), Duration.ofMillis(250));
        List<PromText.Sample> after = scrape(ORDER);
        results.journey = new Results.Journey(rate, why, post, drain, journey(before, after, "confirmed"),
                journey(before, after, "shipped"), journey(before, after, "rejected"));
        log("journey", "placed -> confirmed p50 %.0f ms, p99 %.0f ms", results.journey.confirmed().p50Ms(),
                results.journey.confirmed().p99Ms());
        if (!drain.done()) {
            quiet("after the journey", List.of());
        }
        if (settings.jfr) {
            profile(rate);
        }
    }

    /** The journey's load once more, with JDK Flight Recorder on every service. */
    private void profile(double rate) throws Exception {
        Path dir = layout.stateDir(PROFILE).resolve("bench");
        Map<ServiceApp, Long> pids = new LinkedHashMap<>();
        for (ServiceApp app : ServiceApp.ALL) {
            stack.process(app).handle().ifPresent(h -> pids.put(app, h.pid()));
        }
        log("jfr", "%s orders/s for %d s with JDK Flight Recorder on %d services", fmt(rate),
                settings.journeyDuration().toSeconds(), pids.size());
        try {
            for (long pid : pids.values()) {
                Profiles.start(pid);
            }
        } catch (IOException e) {
            results.profileProblem = e.getMessage();
            log("jfr", "%s", e.getMessage());
            return;
        }
        ConcurrentLinkedQueue<UUID> ids = new ConcurrentLinkedQueue<>();
        Machine.CpuWindow cpu = cpuWindow().begin();
        Load.Result post = load.open("JFR pass", rate, settings.journeyDuration(), settings.maxOutstanding(),
                this::postOrder, placedInto(ids));
        results.cpu.put("JFR pass at " + fmt(rate) + "/s", cpu.end());
        results.profileRate = rate;
        results.profilePost = post;
        for (Map.Entry<ServiceApp, Long> e : pids.entrySet()) {
            Path file = dir.resolve(e.getKey().name() + ".jfr");
            try {
                Profiles.stop(e.getValue(), file);
                results.profiles.add(Profiles.summarise(e.getKey().name(), file));
            } catch (IOException ex) {
                results.profileProblem = ex.getMessage();
                log("jfr", "%s", ex.getMessage());
            }
        }
        quiet("after the JFR pass", new ArrayList<>(ids));
    }

    private Results.Step step(double rate, Duration duration) throws Exception {
        List<String> groups = backlog.liveGroups();
        log("sustained", "%s orders/s for %d s (open model)", fmt(rate), duration.toSeconds());
        List<PromText.Sample> before = scrape(ORDER);
        ConcurrentLinkedQueue<UUID> ids = new ConcurrentLinkedQueue<>();
        AtomicLong maxLag = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    maxLag.accumulateAndGet(backlog.totalLag(groups), Math::max);
                    Thread.sleep(2000);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // a missed sample
                }
            }
        }, "bench-lag");
        sampler.setDaemon(true);
        Machine.CpuWindow cpu = cpuWindow().begin();
        sampler.start();
        Load.Result post;
        try {
            post = load.open(fmt(rate) + "/s", rate, duration, settings.maxOutstanding(), this::postOrder,
                    placedInto(ids));
        } finally {
            sampler.interrupt();
            sampler.join(20_000);
        }
        results.cpu.put("sustained " + fmt(rate) + "/s", cpu.end());
        Map<String, Long> lagAtEnd = backlog.lagByGroup(groups);
        maxLag.accumulateAndGet(lagAtEnd.values().stream().mapToLong(Long::longValue).sum(), Math::max);
        Backlog.Drain drain = backlog.awaitDrained(new ArrayList<>(ids), groups, settings.lagBound(),
                settings.drainTimeout(), Duration.ofMillis(250));
        List<PromText.Sample> after = scrape(ORDER);

        List<String> why = new ArrayList<>();
        double achieved = post.sent() == 0 ? 0 : post.ok() / post.seconds();
        if (post.errorRatio() > 0.001) {
            why.add(String.format(Locale.ROOT, "%.1f %% of POSTs failed (%s)", post.errorRatio() * 100,
                    post.firstError()));
        }
        if (achieved < 0.95 * rate) {
            why.add(String.format(Locale.ROOT, "only %.0f orders/s accepted", achieved));
        }
        if (!drain.done()) {
            why.add(String.format(Locale.ROOT, "%d of %d orders terminal and lag %d after %.0f s%s", drain.terminal(),
                    drain.total(), drain.lag(), drain.took().toMillis() / 1000.0,
                    drain.stalled() ? " (nothing moved any more)" : ""));
        } else if (drain.took().compareTo(settings.maxDrain()) > 0) {
            why.add(String.format(Locale.ROOT, "took %.1f s to drain after the step (more than %d s: falling behind)",
                    drain.took().toMillis() / 1000.0, settings.maxDrain().toSeconds()));
        }
        return new Results.Step(rate, post, drain, maxLag.get(), lagAtEnd, journey(before, after, "confirmed"),
                journey(before, after, "shipped"), why.isEmpty(), String.join("; ", why));
    }

    private static Results.Histo journey(List<PromText.Sample> before, List<PromText.Sample> after, String stage) {
        Map<String, String> labels = Map.of("stage", stage);
        NavigableMap<Double, Double> delta = PromText.delta(
                PromText.buckets(after, "fanout_order_journey_seconds_bucket", labels),
                PromText.buckets(before, "fanout_order_journey_seconds_bucket", labels));
        return new Results.Histo(Math.round(PromText.total(delta)), PromText.quantile(0.5, delta) * 1000,
                PromText.quantile(0.99, delta) * 1000);
    }

    // ------------------------------------------------------------------ decoupling (issue 5)

    private void decoupling() throws Exception {
        double rate = decouplingRate();
        Duration duration = settings.decouplingDuration();
        results.slowLatency = settings.slowLatency();
        ManagedProcess fulfilment = stack.process(FULFILMENT);
        List<UUID> all = new ArrayList<>();
        touchingServices = true;

        quiet("before decoupling", List.of());
        log("decoupling", "baseline: %s orders/s for %d s, every service up (%s)", fmt(rate), duration.toSeconds(),
                results.decouplingRateWhy);
        results.decoupling.add(decouplingPhase("baseline (all services up)", rate, duration, all));

        log("decoupling", "stopping fulfilment-service");
        fulfilment.stop(Duration.ofSeconds(20));
        log("decoupling", "fulfilment stopped: %s orders/s for %d s", fmt(rate), duration.toSeconds());
        results.decoupling.add(decouplingPhase("fulfilment-service stopped", rate, duration, all));

        log("decoupling", "starting fulfilment-service with FANOUT_FULFILMENT_EXTRA_LATENCY=%s", settings.slowLatency());
        fulfilmentSlowed = true;
        stack.launch(FULFILMENT, 1, Map.of("FANOUT_FULFILMENT_EXTRA_LATENCY", settings.slowLatency()));
        if (!stack.awaitReady(FULFILMENT, 1, Duration.ofSeconds(120))) {
            throw new IllegalStateException("the slowed fulfilment-service did not become ready; see "
                    + fulfilment.logFile());
        }
        log("decoupling", "fulfilment slowed: %s orders/s for %d s", fmt(rate), duration.toSeconds());
        results.decoupling.add(decouplingPhase("fulfilment-service slowed (+" + settings.slowLatency() + " per event)",
                rate, duration, all));

        log("decoupling", "restarting fulfilment-service normally; waiting for it to catch up");
        fulfilment.stop(Duration.ofSeconds(20));
        long launched = System.nanoTime();
        stack.launch(FULFILMENT);
        fulfilmentSlowed = false;
        if (!stack.awaitReady(FULFILMENT, 1, Duration.ofSeconds(120))) {
            throw new IllegalStateException("fulfilment-service did not become ready; see " + fulfilment.logFile());
        }
        results.recoveryReadyAfter = Duration.ofNanos(System.nanoTime() - launched);
        Backlog.Drain drain = backlog.awaitDrained(all, List.of(FULFILMENT.name()), 0,
                settings.recoveryTimeout(), Duration.ofMillis(250));
        results.recovery = drain;
        results.recoveryFromLaunch = Duration.ofNanos(System.nanoTime() - launched);
        if (!drain.done()) {
            results.recoveryStuck = backlog.nonTerminal(all);
        }
        touchingServices = false;
        log("decoupling", "%s: %d of %d orders terminal, fulfilment lag %d, %.1f s after the restart%s",
                drain.done() ? "caught up" : "NOT caught up", drain.terminal(), drain.total(), drain.lag(),
                results.recoveryFromLaunch.toMillis() / 1000.0,
                drain.stalled() ? " (gave up: nothing moved for " + Backlog.STALL.toSeconds() + " s)" : "");
        if (drain.done()) {
            quiet("after decoupling", List.of());
        }
    }

    /**
     * The decoupling phases compare intake with and without fulfilment, so the baseline must be a rate the platform
     * keeps up with: above it the baseline is already queueing, and stopping fulfilment (less work for the machine)
     * would make intake faster, a "pass" that says nothing. Default: 20 orders/s or the highest sustained step if
     * lower; half the lowest step when none was sustained.
     */
    private double decouplingRate() {
        if (settings.decouplingRate != null) {
            results.decouplingRateWhy = "set by --decoupling-rate";
            if (results.sustainedRate != null && settings.decouplingRate > results.sustainedRate) {
                results.notes.add("The decoupling rate (" + fmt(settings.decouplingRate) + " orders/s) is above the "
                        + "sustained rate (" + fmt(results.sustainedRate) + " orders/s): its baseline was queueing.");
            }
            return settings.decouplingRate;
        }
        double preferred = settings.decouplingRate();
        if (results.sustainedRate != null) {
            results.decouplingRateWhy = results.sustainedRate < preferred
                    ? "the highest sustained step; " + fmt(preferred) + " orders/s was not sustained"
                    : "the default";
            return Math.min(preferred, results.sustainedRate);
        }
        if (!results.steps.isEmpty()) {
            double half = Math.max(1, results.steps.get(0).rate() / 2);
            results.decouplingRateWhy = "half the lowest sustained-test step: no step was sustained";
            return Math.min(preferred, half);
        }
        results.decouplingRateWhy = "the default (the sustained test did not run)";
        return preferred;
    }

    private Results.Phase decouplingPhase(String name, double rate, Duration duration, List<UUID> all)
            throws Exception {
        ConcurrentLinkedQueue<UUID> ids = new ConcurrentLinkedQueue<>();
        Load.Result r = load.open(name, rate, duration, settings.maxOutstanding(), this::postOrder, placedInto(ids));
        all.addAll(ids);
        long lag = backlog.lagByGroup(List.of(FULFILMENT.name())).getOrDefault(FULFILMENT.name(), 0L);
        log("decoupling", "%s: POST p50 %.1f ms, p99 %.1f ms, %d errors; fulfilment lag %d", name, r.millis(50),
                r.millis(99), r.errors(), lag);
        return new Results.Phase(name, r, lag);
    }

    // ------------------------------------------------------------------ per service: launch to ready, RSS

    private void startup() throws Exception {
        touchingServices = true;
        for (ServiceApp app : ServiceApp.ALL) {
            List<Results.Launch> launches = new ArrayList<>();
            for (int run = 1; run <= settings.startupRuns(); run++) {
                stack.process(app).stop(Duration.ofSeconds(30));
                long start = System.nanoTime();
                long pid = stack.launch(app);
                String ready = app.url(PROFILE) + "/q/health/ready";
                long deadline = start + Duration.ofSeconds(120).toNanos();
                while (Net.httpStatus(ready) != 200) {
                    if (System.nanoTime() > deadline || !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                        throw new IllegalStateException(app.name() + " did not become ready within 120 s; see "
                                + stack.process(app).logFile());
                    }
                    Thread.sleep(50);
                }
                long millis = (System.nanoTime() - start) / 1_000_000;
                launches.add(new Results.Launch(millis, Machine.rssMiB(pid)));
                log("startup", "%s run %d: ready in %d ms, RSS %s MiB", app.name(), run, millis,
                        Machine.rssMiB(pid).isPresent() ? Long.toString(Machine.rssMiB(pid).getAsLong()) : "?");
            }
            results.startup.put(app.name(), launches);
        }
        touchingServices = false;
    }

    /** Every service running, fulfilment not slowed: as the run found the stack. */
    private synchronized void restoreServices() {
        if (stack == null || !(touchingServices || fulfilmentSlowed)) {
            return;
        }
        try {
            if (fulfilmentSlowed) {
                stack.process(FULFILMENT).stop(Duration.ofSeconds(20));
                fulfilmentSlowed = false;
            }
            for (ServiceApp app : ServiceApp.ALL) {
                if (!stack.process(app).isRunning()) {
                    System.err.println("fanout bench: restarting " + app.name());
                    stack.launch(app);
                    stack.awaitReady(app, 1, Duration.ofSeconds(120));
                }
            }
        } catch (RuntimeException e) {
            System.err.println("fanout bench: could not restore the services (" + e.getMessage()
                    + "): run ./fanout up");
        }
        touchingServices = false;
    }

    // ------------------------------------------------------------------ helpers

    /** Waits until the given orders are terminal and the lag cleared, so the next measurement starts quiet. */
    private Backlog.Drain quiet(String when, List<UUID> ids) throws Exception {
        Backlog.Drain drain = backlog.awaitDrained(ids, backlog.liveGroups(), settings.lagBound(),
                settings.settleTimeout(), Duration.ofMillis(250));
        if (!drain.done()) {
            String note = String.format(Locale.ROOT, "Not quiet %s: %d of %d orders terminal, lag %d after %d s (%s).",
                    when, drain.terminal(), drain.total(), drain.lag(), settings.settleTimeout().toSeconds(),
                    drain.lagByGroup());
            results.notes.add(note);
            log("bench", "%s", note);
        }
        return drain;
    }

    private Machine.CpuWindow cpuWindow() {
        Map<String, Supplier<List<Long>>> groups = new LinkedHashMap<>();
        // the services' JIT compiler threads are counted (Kafka's JVM compiles too, but it is not Fanout's code)
        Set<String> jvms = new LinkedHashSet<>();
        for (ServiceApp app : ServiceApp.ALL) {
            groups.put(app.name(), () -> stack.process(app).handle().map(h -> List.of(h.pid())).orElse(List.of()));
            jvms.add(app.name());
        }
        groups.put("kafka", () -> stack.broker().process().handle().map(h -> List.of(h.pid())).orElse(List.of()));
        groups.put(Machine.POSTGRES, () -> Machine.pidsNamed("postgres"));
        groups.put("redis", () -> Machine.pidsNamed("redis-server"));
        long self = ProcessHandle.current().pid();
        groups.put(Machine.SELF, () -> List.of(self));
        return new Machine.CpuWindow(groups, jvms);
    }

    private static List<PromText.Sample> scrape(ServiceApp app) {
        try (RawHttp.Connection c = new RawHttp.Connection(StackProfile.HOST, app.port(PROFILE), 10_000)) {
            RawHttp.Response response = c.exchange(RawHttp.Request.get("/q/metrics")
                    .encode(StackProfile.HOST + ":" + app.port(PROFILE)));
            return response.status() == 200 ? PromText.parse(new String(response.body(), StandardCharsets.UTF_8))
                    : List.of();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** Mean of a timer between two scrapes ({@code _sum} and {@code _count} deltas), in ms; null without data. */
    private static Double meanMs(List<PromText.Sample> before, List<PromText.Sample> after, String timer,
            Map<String, String> labels) {
        double count = PromText.sum(after, timer + "_count", labels) - PromText.sum(before, timer + "_count", labels);
        double sum = PromText.sum(after, timer + "_sum", labels) - PromText.sum(before, timer + "_sum", labels);
        return count > 0 ? sum / count * 1000 : null;
    }

    static String fmt(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : String.format(Locale.ROOT, "%.1f", rate);
    }

    static String commandLine(String[] args) {
        StringBuilder line = new StringBuilder("./fanout bench");
        for (String a : args) {
            line.append(' ').append(a.matches("[A-Za-z0-9_./:=,@%+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return line.toString();
    }

    private static final java.time.format.DateTimeFormatter CLOCK = java.time.format.DateTimeFormatter.ofPattern(
            "HH:mm:ss");

    private static void log(String phase, String format, Object... values) {
        System.out.printf("[%s] %-10s %s%n", java.time.LocalTime.now().format(CLOCK), phase,
                String.format(Locale.ROOT, format, values));
        System.out.flush();
    }

}
