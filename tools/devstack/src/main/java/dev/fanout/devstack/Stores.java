package dev.fanout.devstack;

import static dev.fanout.devstack.StackProfile.HOST;
import static dev.fanout.devstack.StackProfile.POSTGRES_PORT;
import static dev.fanout.devstack.StackProfile.REDIS_PORT;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL and Redis for a stack: the machine's own servers when they answer on 5432/6379, else embedded real
 * servers held by a {@link StoresHolder} process that {@code down} stops.
 */
public final class Stores {

    private final ProjectLayout layout;
    private final StackProfile profile;
    private final ManagedProcess holder;

    public Stores(ProjectLayout layout, StackProfile profile) {
        this.layout = layout;
        this.profile = profile;
        this.holder = new ManagedProcess(layout, profile, "stores");
    }

    public ManagedProcess holder() {
        return holder;
    }

    public void ensureRunning(PrintStream out) {
        boolean postgresUp = Net.isOpen(HOST, POSTGRES_PORT);
        boolean redisUp = Net.isOpen(HOST, REDIS_PORT);
        out.printf("  postgres  %s%n", postgresUp ? "using the server on " + HOST + ":" + POSTGRES_PORT
                : "none on " + POSTGRES_PORT + ": starting an embedded one");
        out.printf("  redis     %s%n", redisUp ? "using the server on " + HOST + ":" + REDIS_PORT
                : "none on " + REDIS_PORT + ": starting an embedded one");
        if (postgresUp && redisUp) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(KafkaBroker.javaBin(), "-Xmx128m", holder.marker(),
                "-cp", devstackClasspath(), StoresHolder.class.getName()));
        if (!postgresUp) {
            command.addAll(List.of("--postgres", Integer.toString(POSTGRES_PORT),
                    layout.stateDir(profile).resolve("postgres").toString()));
        }
        if (!redisUp) {
            command.addAll(List.of("--redis", Integer.toString(REDIS_PORT)));
        }
        holder.start(command, Map.of(), layout.stateDir(profile));
        boolean ready = Net.await(() -> Net.isOpen(HOST, POSTGRES_PORT) && Net.isOpen(HOST, REDIS_PORT),
                Duration.ofSeconds(90), Duration.ofMillis(250));
        if (!ready) {
            throw new IllegalStateException("embedded stores did not start; see " + holder.logFile() + ":\n"
                    + KafkaBroker.tail(holder.logFile(), 30));
        }
    }

    /** Creates the stack's database if it is missing; {@code fresh} drops it first (test stacks only). */
    public void ensureDatabase(boolean fresh) {
        String admin = "jdbc:postgresql://" + HOST + ":" + POSTGRES_PORT + "/postgres";
        try (Connection connection = DriverManager.getConnection(admin, StackProfile.POSTGRES_USER, "")) {
            if (fresh) {
                connection.createStatement().execute("DROP DATABASE IF EXISTS " + profile.database() + " WITH (FORCE)");
            }
            var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?");
            exists.setString(1, profile.database());
            if (!exists.executeQuery().next()) {
                connection.createStatement().execute("CREATE DATABASE " + profile.database());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare database " + profile.database() + " on " + HOST + ":"
                    + POSTGRES_PORT + " as user " + StackProfile.POSTGRES_USER + ": " + e.getMessage());
        }
    }

    public void flushRedis() {
        Net.flushRedisDatabase(HOST, REDIS_PORT, profile.redisDatabase());
    }

    public boolean stop() {
        return holder.stop(Duration.ofSeconds(20));
    }

    private String devstackClasspath() {
        Path jar = layout.devstackJar();
        Path classpath = layout.devstackClasspathFile();
        if (!Files.exists(jar) || !Files.exists(classpath)) {
            Maven.run(layout, "-q", "-DskipTests", "-pl", "tools/devstack", "-am", "install");
        }
        try {
            return jar + java.io.File.pathSeparator + Files.readString(classpath).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
