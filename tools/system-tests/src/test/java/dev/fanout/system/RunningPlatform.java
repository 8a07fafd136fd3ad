package dev.fanout.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.fanout.devstack.ServiceApp;
import dev.fanout.devstack.Stack;
import dev.fanout.devstack.StackProfile;
import dev.fanout.testing.FanoutTestInfra;

/**
 * The services running as packaged apps on the test stack, started the way {@code ./fanout up} starts them; and
 * plain SQL over each service's own schema, which only a test may read across.
 */
public final class RunningPlatform implements AutoCloseable {

    private static final Duration READY = Duration.ofSeconds(120);

    private final Stack stack;
    private final Map<String, String> environment;
    private final List<String> started = new ArrayList<>();

    private RunningPlatform(Stack stack, Map<String, String> environment) {
        this.stack = stack;
        this.environment = environment;
    }

    /** Starts the given instances ({@code name} or {@code name:instances}) and waits until all are ready. */
    public static RunningPlatform start(String... services) {
        return start(Map.of(), services);
    }

    /**
     * Like {@link #start(String...)}, with environment variables for every service that override the test stack's
     * (to run the services against infrastructure of the test's own).
     */
    public static RunningPlatform start(Map<String, String> environment, String... services) {
        // with infrastructure of its own the test only needs the launcher, not the test stack
        Stack stack = environment.isEmpty() ? FanoutTestInfra.stack()
                : new Stack(dev.fanout.devstack.ProjectLayout.find(), StackProfile.TEST);
        RunningPlatform platform = new RunningPlatform(stack, environment);
        try {
            List<Runnable> waits = new ArrayList<>();
            for (String spec : services) {
                String[] parts = spec.split(":");
                ServiceApp app = ServiceApp.named(parts[0]);
                int instances = parts.length > 1 ? Integer.parseInt(parts[1]) : 1;
                for (int i = 1; i <= instances; i++) {
                    int instance = i;
                    platform.stack.launch(app, instance, environment);
                    platform.started.add(app.name() + "#" + instance);
                    waits.add(() -> {
                        if (!platform.stack.awaitReady(app, instance, READY)) {
                            throw new IllegalStateException(app.name() + " #" + instance + " not ready; log: "
                                    + platform.stack.process(app, instance).logFile());
                        }
                    });
                }
            }
            waits.forEach(Runnable::run);
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    public String url(String service) {
        return stack.url(ServiceApp.named(service), 1);
    }

    public String bootstrap() {
        return stack.profile().kafkaBootstrap();
    }

    /** kill -9 of one instance: a crash. */
    public void kill(String service, int instance) {
        stack.process(ServiceApp.named(service), instance).kill();
    }

    /** Starts (again) one instance, with extra environment on top of the platform's, and waits until it is ready. */
    public void restart(String service, int instance, Map<String, String> extra) {
        ServiceApp app = ServiceApp.named(service);
        stack.process(app, instance).stop(Duration.ofSeconds(20));
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.putAll(extra);
        stack.launch(app, instance, env);
        if (!started.contains(app.name() + "#" + instance)) {
            started.add(app.name() + "#" + instance);
        }
        if (!stack.awaitReady(app, instance, READY)) {
            throw new IllegalStateException(service + " #" + instance + " not ready after restart; log: "
                    + stack.process(app, instance).logFile());
        }
    }

    public String url(String service, int instance) {
        return stack.url(ServiceApp.named(service), instance);
    }

    /** Rows of a query over the test database, as column-name-to-value maps. */
    public List<Map<String, Object>> query(String sql, Object... parameters) {
        return query(StackProfile.TEST.jdbcDatasourceUrl(), sql, parameters);
    }

    /** Rows of a query over any database of the test's. */
    public static List<Map<String, Object>> query(String jdbcUrl, String sql, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, StackProfile.POSTGRES_USER, "");
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                Object p = parameters[i];
                if (p instanceof List<?> list) {
                    statement.setArray(i + 1, connection.createArrayOf("text", list.toArray()));
                } else {
                    statement.setObject(i + 1, p);
                }
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new TreeMap<>();
                    for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                        row.put(rs.getMetaData().getColumnLabel(c), rs.getObject(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        for (String instance : started) {
            String[] parts = instance.split("#");
            stack.process(ServiceApp.named(parts[0]), Integer.parseInt(parts[1])).stop(Duration.ofSeconds(20));
        }
    }
}
