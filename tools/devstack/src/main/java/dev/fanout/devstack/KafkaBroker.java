package dev.fanout.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Apache Kafka broker (KRaft, broker and controller in one JVM), run from the Maven Central jars
 * that {@code tools/kafka-broker} resolves. Its data lives in a folder of ours, so a restart keeps every record.
 */
public final class KafkaBroker {

    private final ProjectLayout layout;
    private final int port;
    private final int controllerPort;
    private final Path home;
    private final ManagedProcess process;

    /** The broker of a stack profile: {@code .fanout/<profile>/kafka}. */
    public static KafkaBroker of(ProjectLayout layout, StackProfile profile) {
        return new KafkaBroker(layout, profile.kafkaPort(), profile.controllerPort(),
                layout.stateDir(profile).resolve("kafka"), new ManagedProcess(layout, profile, "kafka"));
    }

    /** A private broker, e.g. one a test stops and starts without disturbing anything else. */
    public static KafkaBroker privateBroker(ProjectLayout layout, String name, int port, int controllerPort, Path home) {
        ProjectLayout.mkdirs(home);
        return new KafkaBroker(layout, port, controllerPort, home,
                new ManagedProcess(name, home.resolve(name + ".pid"), home.resolve(name + ".log"),
                        "-Dfanout.process=private/" + name + "/" + port));
    }

    private KafkaBroker(ProjectLayout layout, int port, int controllerPort, Path home, ManagedProcess process) {
        this.layout = layout;
        this.port = port;
        this.controllerPort = controllerPort;
        this.home = ProjectLayout.mkdirs(home);
        this.process = process;
    }

    public String bootstrap() {
        return StackProfile.HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public ManagedProcess process() {
        return process;
    }

    public boolean isRunning() {
        return process.isRunning();
    }

    /** Starts the broker (formatting its storage the first time) and waits until it answers metadata requests. */
    public void start(Duration readyTimeout) {
        if (isRunning()) {
            return;
        }
        if (Net.isOpen(StackProfile.HOST, port)) {
            throw new IllegalStateException("port " + port + " is taken by something that is not this checkout's broker "
                    + "(another checkout's stack? stop it there with ./fanout down, or ./fanout infra down --profile test)");
        }
        String classpath = classpath();
        Path config = writeConfig();
        if (!Files.exists(dataDir().resolve("meta.properties"))) {
            format(classpath, config);
        }
        List<String> command = new ArrayList<>(List.of(javaBin(), "-Xms256m", "-Xmx512m", "-XX:+UseSerialGC",
                process.marker(), "-Dlog4j2.configurationFile=" + home.resolve("log4j2.properties"),
                "-cp", classpath, "kafka.Kafka", config.toString()));
        process.start(command, Map.of(), home);
        if (!awaitReady(readyTimeout)) {
            String tail = tail(process.logFile(), 30);
            process.stop(Duration.ofSeconds(5));
            throw new IllegalStateException("Kafka did not become ready on " + bootstrap() + " within "
                    + readyTimeout.toSeconds() + " s; last log lines:\n" + tail);
        }
    }

    /** Graceful stop (controlled shutdown). */
    public void stop() {
        process.stop(Duration.ofSeconds(30));
    }

    /** kill -9. */
    public void kill() {
        process.kill();
    }

    /** Forgets every record: only for throw-away stacks such as the test profile. */
    public void wipe() {
        if (isRunning()) {
            throw new IllegalStateException("stop the broker before wiping its data");
        }
        deleteRecursively(dataDir());
    }

    public boolean awaitReady(Duration timeout) {
        return Net.await(this::answers, timeout, Duration.ofMillis(250));
    }

    /** True when the broker answers a metadata request (an open port alone is not enough). */
    public boolean answers() {
        if (!Net.isOpen(StackProfile.HOST, port)) {
            return false;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000)).nodes()
                    .get(4, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private Path dataDir() {
        return home.resolve("data");
    }

    private Path writeConfig() {
        String properties = String.join("\n",
                "# written by devstack; single node, broker and controller in one process (KRaft)",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + dataDir(),
                "# like MSK as we configure it: topics come from the catalog, never from a typo",
                "auto.create.topics.enable=false",
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=10",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=4",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "# one machine, many restarts: do not wait for members that will never come",
                "group.initial.rebalance.delay.ms=0",
                "");
        String log4j = String.join("\n",
                "status = warn",
                "appender.console.type = Console",
                "appender.console.name = STDOUT",
                "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = warn",
                "rootLogger.appenderRef.stdout.ref = STDOUT",
                "logger.kafka.name = kafka.server.KafkaRaftServer",
                "logger.kafka.level = info",
                "");
        try {
            Files.writeString(home.resolve("log4j2.properties"), log4j);
            return Files.writeString(home.resolve("server.properties"), properties);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void format(String classpath, Path config) {
        List<String> command = List.of(javaBin(), "-cp", classpath, "kafka.tools.StorageTool", "format",
                "-t", Uuid.randomUuid().toString(), "-c", config.toString(), "--standalone");
        try {
            Process format = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(format.getInputStream().readAllBytes());
            if (format.waitFor() != 0) {
                throw new IllegalStateException("formatting Kafka storage failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage");
        }
    }

    /** The broker's classpath; resolved by Maven on first use if this checkout has not built it yet. */
    private String classpath() {
        Path file = layout.kafkaClasspathFile();
        if (!Files.exists(file)) {
            Maven.run(layout, "-q", "-f", "tools/kafka-broker/pom.xml", "generate-resources");
        }
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
