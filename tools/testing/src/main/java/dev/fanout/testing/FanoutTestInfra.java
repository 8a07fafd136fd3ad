package dev.fanout.testing;

import java.util.Map;

import dev.fanout.devstack.ProjectLayout;
import dev.fanout.devstack.Stack;
import dev.fanout.devstack.StackProfile;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Real infrastructure for a service's {@code @QuarkusTest}s: the {@code test} stack (Kafka on 19092, database
 * {@code fanout_test}, Redis database 1). {@code ./fanout test} starts it once for the whole build; when a module's
 * tests run on their own ({@code ./mvnw -pl services/x verify}) this starts it, fresh, and stops it when the test
 * JVM exits.
 */
public class FanoutTestInfra implements QuarkusTestResourceLifecycleManager {

    private static Stack stack;

    /** The test stack, started if it was not running. */
    public static synchronized Stack stack() {
        if (stack == null) {
            Stack testStack = new Stack(ProjectLayout.find(), StackProfile.TEST);
            boolean owned = !testStack.broker().isRunning();
            testStack.infraUp(owned, System.out);
            if (owned) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> testStack.down(System.out)));
            }
            stack = testStack;
        }
        return stack;
    }

    /** The configuration that points a service at the test stack. */
    public static Map<String, String> config() {
        return config(stack().profile());
    }

    /** The configuration that points a service at a local stack's broker, database and Redis database. */
    public static Map<String, String> config(StackProfile profile) {
        return Map.of(
                "kafka.bootstrap.servers", profile.kafkaBootstrap(),
                "quarkus.datasource.reactive.url", profile.reactiveDatasourceUrl(),
                "quarkus.datasource.jdbc.url", profile.jdbcDatasourceUrl(),
                "quarkus.datasource.username", StackProfile.POSTGRES_USER,
                "quarkus.redis.hosts", profile.redisUrl());
    }

    @Override
    public Map<String, String> start() {
        return config();
    }

    @Override
    public void stop() {
        // shared by every test class of the run; stopped by ./fanout test or by the shutdown hook above
    }
}
