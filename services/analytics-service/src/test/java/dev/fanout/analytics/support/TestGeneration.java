package dev.fanout.analytics.support;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;

import dev.fanout.devstack.StackProfile;
import dev.fanout.testing.FanoutTestInfra;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A generation of this test run's own: a random generation number (so a fresh consumer group, whose inbox is empty,
 * reading every topic from the earliest offset) and a Redis key root of its own
 * ({@code fanout:analytics:test-<generation>:}, active generation included), so numbers are exact for this run even
 * though the test broker and Redis database are shared with other modules and keep older data. When the
 * application stops, the run's Redis keys, consumer group and inbox rows are deleted (nothing else is touched).
 */
public class TestGeneration implements QuarkusTestResourceLifecycleManager {

    private int generation;
    private String root;

    @Override
    public Map<String, String> start() {
        generation = ThreadLocalRandom.current().nextInt(1_000_000, 1_000_000_000);
        root = "fanout:analytics:test-" + generation + ":";
        return Map.of("fanout.analytics.generation", Integer.toString(generation),
                "fanout.analytics.key-prefix", root);
    }

    @Override
    public void stop() {
        Map<String, String> infra = FanoutTestInfra.config();
        try {
            URI redis = URI.create(infra.get("quarkus.redis.hosts"));
            int database = redis.getPath() == null || redis.getPath().length() <= 1 ? 0
                    : Integer.parseInt(redis.getPath().substring(1));
            try (RespClient client = new RespClient(redis.getHost(), redis.getPort(), database)) {
                client.deleteMatching(root + "*");
            }
        } catch (Exception e) {
            System.err.println("TestGeneration: could not delete Redis keys " + root + "*: " + e);
        }
        String group = "analytics-service-g" + generation;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                infra.get("kafka.bootstrap.servers"), AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000))) {
            deleteGroup(admin, group);
        } catch (Exception e) {
            System.err.println("TestGeneration: could not delete consumer group " + group + ": " + e);
        }
        try (Connection c = DriverManager.getConnection(infra.get("quarkus.datasource.jdbc.url"),
                StackProfile.POSTGRES_USER, null);
                PreparedStatement delete = c.prepareStatement(
                        "DELETE FROM analytics.inbox_event WHERE consumer LIKE ?")) {
            delete.setString(1, group + "/%");
            delete.executeUpdate();
        } catch (Exception e) {
            System.err.println("TestGeneration: could not delete inbox rows of " + group + ": " + e);
        }
    }

    /**
     * Deletes the run's consumer group once its members have left (the consumers of the stopped application may
     * take a moment); a group that is not on this broker (a private one) is nothing to delete.
     */
    private static void deleteGroup(Admin admin, String group) {
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> deleted(admin, group));
        } catch (ConditionTimeoutException e) {
            System.err.println("TestGeneration: consumer group " + group + " still has members; left to the broker");
        }
    }

    private static boolean deleted(Admin admin, String group) throws Exception {
        try {
            admin.deleteConsumerGroups(List.of(group)).all().get(15, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return true;
            }
            if (e.getCause() instanceof GroupNotEmptyException) {
                return false;
            }
            throw e;
        }
    }

    /** How long tests wait for the consumers: a fresh group first reads every older event of the test broker. */
    public static final Duration TIMEOUT = Duration.ofSeconds(180);
}
