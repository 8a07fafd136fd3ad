package dev.fanout.devstack;

import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.admin.AdminClientConfig;

import dev.fanout.events.TopicCatalog;
import dev.fanout.ops.cluster.Cluster;
import dev.fanout.ops.topics.TopicProvisioner;

/** One local stack (dev, test or startup): infrastructure, then services; and the way back down. */
public final class Stack {

    static final Duration KAFKA_READY = Duration.ofSeconds(60);
    static final Duration SERVICE_READY = Duration.ofSeconds(120);

    private final ProjectLayout layout;
    private final StackProfile profile;
    private final KafkaBroker broker;
    private final Stores stores;

    public Stack(ProjectLayout layout, StackProfile profile) {
        this.layout = layout;
        this.profile = profile;
        this.broker = KafkaBroker.of(layout, profile);
        this.stores = new Stores(layout, profile);
    }

    public KafkaBroker broker() {
        return broker;
    }

    public StackProfile profile() {
        return profile;
    }

    /**
     * Kafka, PostgreSQL, Redis, the database and the topics. {@code fresh} (test stacks) starts from empty data:
     * a new broker log, a recreated database, an empty Redis database.
     */
    public void infraUp(boolean fresh, PrintStream out) {
        out.printf("Fanout %s stack%n", profile.id());
        stores.ensureRunning(out);
        if (broker.isRunning()) {
            out.printf("  kafka     already running on %s%n", broker.bootstrap());
        } else {
            if (fresh) {
                broker.wipe();
            }
            Instant start = Instant.now();
            broker.start(KAFKA_READY);
            out.printf("  kafka     started on %s in %.1f s (log: %s)%n", broker.bootstrap(),
                    Duration.between(start, Instant.now()).toMillis() / 1000.0, layout.root().relativize(
                            broker.process().logFile()));
        }
        stores.ensureDatabase(fresh);
        if (fresh) {
            stores.flushRedis();
        }
        out.printf("  database  %s%s%n", profile.database(), fresh ? " (recreated empty)" : "");
        applyTopics(out);
    }

    private void applyTopics(PrintStream out) {
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        try (Cluster cluster = Cluster.connect(config, broker.bootstrap(), 15)) {
            var results = new TopicProvisioner(cluster).apply(TopicCatalog.all(),
                    TopicProvisioner.Settings.forBrokers(cluster.brokers().size(), false));
            out.printf("  topics    %s%n", TopicProvisioner.summary(results));
        }
    }

    /**
     * Prometheus (the machine's {@code prometheus} binary, e.g. Debian's package) scraping the local services with the
     * platform's alert rules, on 127.0.0.1:9090, data under {@code .fanout/<profile>/prometheus}.
     */
    public void prometheusUp(PrintStream out) {
        ManagedProcess prometheus = new ManagedProcess(layout, profile, "prometheus");
        if (prometheus.isRunning()) {
            out.printf("  %-21s already running on http://127.0.0.1:9090%n", "prometheus");
            return;
        }
        String binary = System.getenv().getOrDefault("PROMETHEUS_BIN", "prometheus");
        java.nio.file.Path config = layout.root().resolve("deploy/observability/prometheus.yml");
        if (!Files.exists(config)) {
            throw new IllegalStateException("no " + layout.root().relativize(config));
        }
        try {
            prometheus.start(List.of(binary, "--config.file=" + config,
                    "--storage.tsdb.path=" + layout.stateDir(profile).resolve("prometheus"),
                    "--web.listen-address=127.0.0.1:9090", "--storage.tsdb.retention.time=2d"), Map.of(),
                    layout.root());
        } catch (java.io.UncheckedIOException e) {
            throw new IllegalStateException("cannot start '" + binary + "': install Prometheus (Debian: apt-get "
                    + "install prometheus) or set PROMETHEUS_BIN");
        }
        boolean ready = Net.await(() -> Net.httpStatus("http://127.0.0.1:9090/-/ready") == 200,
                Duration.ofSeconds(30), Duration.ofMillis(250));
        if (!ready) {
            throw new IllegalStateException("Prometheus did not become ready; see " + prometheus.logFile() + ":\n"
                    + KafkaBroker.tail(prometheus.logFile(), 20));
        }
        out.printf("  %-21s ready on http://127.0.0.1:9090 (alerts: /alerts, targets: /targets)%n", "prometheus");
    }

    /** Starts the given services as packaged apps and waits until each reports ready. */
    public void servicesUp(List<ServiceApp> services, PrintStream out) {
        List<ServiceApp> started = new ArrayList<>();
        for (ServiceApp service : services) {
            ManagedProcess process = process(service);
            if (process.isRunning()) {
                out.printf("  %-21s already running on %s%n", service.name(), service.url(profile));
                continue;
            }
            if (!Files.exists(layout.serviceRunner(service.name()))) {
                throw new IllegalStateException(service.name() + " is not built (" + layout.root().relativize(
                        layout.serviceRunner(service.name())) + " is missing): run ./mvnw install -DskipTests");
            }
            launch(service);
            started.add(service);
        }
        for (ServiceApp service : started) {
            Instant begin = Instant.now();
            boolean ready = Net.await(() -> Net.httpStatus(service.url(profile) + "/q/health/ready") == 200,
                    SERVICE_READY, Duration.ofMillis(200));
            if (!ready) {
                throw new IllegalStateException(service.name() + " did not become ready within "
                        + SERVICE_READY.toSeconds() + " s; last log lines:\n"
                        + KafkaBroker.tail(process(service).logFile(), 40));
            }
            out.printf("  %-21s ready on %s (%.1f s)%n", service.name(), service.url(profile),
                    Duration.between(begin, Instant.now()).toMillis() / 1000.0);
        }
    }

    /** Starts one service process; does not wait. */
    public long launch(ServiceApp service) {
        return launch(service, 1);
    }

    /**
     * Starts instance {@code instance} (1, 2, ...) of a service: the same consumer group, its own process, port
     * {@code port + 10 * (instance - 1)}. Does not wait; see {@link #awaitReady}.
     */
    public long launch(ServiceApp service, int instance) {
        return launch(service, instance, Map.of());
    }

    /** Like {@link #launch(ServiceApp, int)}, with environment variables that override the stack's. */
    public long launch(ServiceApp service, int instance, Map<String, String> overrides) {
        ManagedProcess process = process(service, instance);
        List<String> command = List.of(KafkaBroker.javaBin(), "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC",
                "-XX:+ExitOnOutOfMemoryError", process.marker(), "-jar",
                layout.serviceRunner(service.name()).toString());
        Map<String, String> environment = new LinkedHashMap<>(environment(service, instance));
        environment.putAll(overrides);
        return process.start(command, environment, layout.serviceModule(service.name()));
    }

    /** Waits until instance {@code instance} of a service reports ready; false after {@code timeout}. */
    public boolean awaitReady(ServiceApp service, int instance, Duration timeout) {
        return Net.await(() -> Net.httpStatus(url(service, instance) + "/q/health/ready") == 200, timeout,
                Duration.ofMillis(200));
    }

    public String url(ServiceApp service, int instance) {
        return "http://" + StackProfile.HOST + ":" + port(service, instance);
    }

    private int port(ServiceApp service, int instance) {
        return service.port(profile) + 10 * (instance - 1);
    }

    public ManagedProcess process(ServiceApp service, int instance) {
        return new ManagedProcess(layout, profile, instance == 1 ? service.name() : service.name() + "-" + instance);
    }

    /** What a service needs to find this stack: the same variables ECS sets from Terraform. */
    public Map<String, String> environment(ServiceApp service) {
        return environment(service, 1);
    }

    private Map<String, String> environment(ServiceApp service, int instance) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port(service, instance)));
        env.put("KAFKA_BOOTSTRAP_SERVERS", profile.kafkaBootstrap());
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", profile.reactiveDatasourceUrl());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", profile.jdbcDatasourceUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", StackProfile.POSTGRES_USER);
        env.put("QUARKUS_REDIS_HOSTS", profile.redisUrl());
        java.nio.file.Path generation = AnalyticsRebuild.generationFile(layout, profile);
        if (service.name().equals("analytics-service") && Files.exists(generation)) {
            try {
                // the generation a rebuild switched to keeps serving across ./fanout down/up
                env.put("FANOUT_ANALYTICS_GENERATION", Files.readString(generation).strip());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return env;
    }

    public ManagedProcess process(ServiceApp service) {
        return process(service, 1);
    }

    /**
     * Stops every service instance, then the broker, then embedded stores: exactly what the PID files say this
     * stack started (extra instances included).
     */
    public void down(PrintStream out) {
        List<String> services = new ArrayList<>();
        try (var pids = java.nio.file.Files.list(layout.pidDir(profile))) {
            pids.map(p -> p.getFileName().toString().replaceFirst("\\.pid$", ""))
                    .filter(name -> !name.equals("kafka") && !name.equals("stores")).sorted().forEach(services::add);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        services.remove("prometheus");
        if (new ManagedProcess(layout, profile, "prometheus").stop(Duration.ofSeconds(10))) {
            out.printf("  stopped prometheus%n");
        }
        services.parallelStream().forEach(name -> {
            if (new ManagedProcess(layout, profile, name).stop(Duration.ofSeconds(20))) {
                out.printf("  stopped %s%n", name);
            }
        });
        if (broker.process().stop(Duration.ofSeconds(30))) {
            out.printf("  stopped kafka%n");
        }
        if (stores.stop()) {
            out.printf("  stopped embedded postgres/redis%n");
        }
    }

    public void status(PrintStream out) {
        out.printf("Fanout %s stack (%s)%n", profile.id(), layout.root().relativize(layout.stateDir(profile)));
        out.printf("  %-21s %-8s %-9s %s%n", "PROCESS", "PID", "STATE", "WHERE");
        row(out, "kafka", broker.process().handle(), broker.bootstrap(), broker.answers() ? "running" : "starting");
        row(out, "embedded-stores", stores.holder().handle(), "127.0.0.1:5432 / :6379", "running");
        for (ServiceApp service : ServiceApp.ALL) {
            Optional<ProcessHandle> handle = process(service).handle();
            String state = handle.isEmpty() ? "stopped"
                    : Net.httpStatus(service.url(profile) + "/q/health/ready") == 200 ? "ready" : "not ready";
            row(out, service.name(), handle, service.url(profile), state);
        }
    }

    private static void row(PrintStream out, String name, Optional<ProcessHandle> handle, String where,
            String runningState) {
        out.printf("  %-21s %-8s %-9s %s%n", name, handle.map(h -> Long.toString(h.pid())).orElse("-"),
                handle.isPresent() ? runningState : "stopped", where);
    }
}
