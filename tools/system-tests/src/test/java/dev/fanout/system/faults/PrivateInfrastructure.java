package dev.fanout.system.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.AdminClientConfig;

import dev.fanout.devstack.KafkaBroker;
import dev.fanout.devstack.ProjectLayout;
import dev.fanout.events.TopicCatalog;
import dev.fanout.ops.cluster.Cluster;
import dev.fanout.ops.topics.TopicProvisioner;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;

/**
 * Kafka, PostgreSQL and Redis of the fault suite's own (real servers: a broker from the Maven Central jars, zonky's
 * PostgreSQL binaries, a redis-server binary), fresh for the run, so it can stop and restart each of them without
 * touching the machine's servers, and so every invariant can be checked exactly over its data.
 */
final class PrivateInfrastructure implements AutoCloseable {

    private final Path home;
    private final KafkaBroker kafka;
    private final int postgresPort;
    private final int redisPort;
    private EmbeddedPostgres postgres;
    private RedisServer redis;

    PrivateInfrastructure() {
        try {
            home = Files.createTempDirectory("fanout-faults");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        kafka = KafkaBroker.privateBroker(ProjectLayout.find(), "faults-kafka", freePort(), freePort(),
                home.resolve("kafka"));
        postgresPort = freePort();
        redisPort = freePort();
    }

    void start() {
        kafka.start(Duration.ofSeconds(90));
        Map<String, Object> admin = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                15_000);
        try (Cluster cluster = Cluster.connect(admin, kafka.bootstrap(), 15)) {
            new TopicProvisioner(cluster).apply(TopicCatalog.all(), TopicProvisioner.Settings.forBrokers(1, false));
        }
        startPostgres();
        try (Connection c = DriverManager.getConnection(adminJdbcUrl(), "postgres", "")) {
            c.createStatement().execute("CREATE DATABASE fanout");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the fault suite's database", e);
        }
        startRedis();
    }

    /** The environment that points a service at this infrastructure. */
    Map<String, String> environment() {
        return Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrap(),
                "QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:" + postgresPort + "/fanout",
                "QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl(),
                "QUARKUS_DATASOURCE_USERNAME", "postgres",
                "QUARKUS_REDIS_HOSTS", "redis://127.0.0.1:" + redisPort);
    }

    String bootstrap() {
        return kafka.bootstrap();
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/fanout";
    }

    private String adminJdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres";
    }

    KafkaBroker kafka() {
        return kafka;
    }

    /** A fast shutdown and a start on the same data and port: what a failover looks like to the services. */
    void restartPostgres() {
        stopPostgres();
        startPostgres();
    }

    void stopRedis() {
        try {
            redis.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void startRedis() {
        try {
            if (redis == null) {
                // the suite stops Redis for an outage, not a data loss: like ElastiCache with a replica to fail over
                // to, it comes back with its data (an append-only file, every write synced). Analytics keeps its
                // aggregates nowhere else; losing them is a rebuild (docs/analytics.md), not a fault to ride out
                Path data = Files.createDirectories(home.resolve("redis"));
                redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1").setting("dir " + data)
                        .setting("save \"\"").setting("appendonly yes").setting("appendfsync always").build();
            }
            redis.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void startPostgres() {
        try {
            postgres = EmbeddedPostgres.builder().setPort(postgresPort).setDataDirectory(home.resolve("postgres"))
                    .setCleanDataDirectory(false).setServerConfig("max_connections", "300").start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fault suite's PostgreSQL", e);
        }
    }

    void stopPostgres() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        kafka.stop();
        try {
            if (redis != null && redis.isActive()) {
                redis.stop();
            }
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
