package dev.fanout.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where things are in a checkout, found from any directory inside it (the tests run from a module folder). */
public record ProjectLayout(Path root) {

    public static ProjectLayout find() {
        String explicit = System.getProperty("fanout.root", System.getenv("FANOUT_ROOT"));
        if (explicit != null && !explicit.isBlank()) {
            return new ProjectLayout(Path.of(explicit).toAbsolutePath().normalize());
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("fanout")) && Files.isDirectory(dir.resolve("shared-events"))) {
                return new ProjectLayout(dir);
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("not inside a Fanout checkout (no ./fanout found above "
                + Path.of("").toAbsolutePath() + "); set FANOUT_ROOT");
    }

    /** {@code .fanout/<profile>}: broker data, pid files, logs. Git-ignored. */
    public Path stateDir(StackProfile profile) {
        return mkdirs(root.resolve(".fanout").resolve(profile.id()));
    }

    public Path pidDir(StackProfile profile) {
        return mkdirs(stateDir(profile).resolve("pids"));
    }

    public Path logDir(StackProfile profile) {
        return mkdirs(stateDir(profile).resolve("logs"));
    }

    public Path kafkaClasspathFile() {
        return root.resolve("tools/kafka-broker/target/kafka-classpath.txt");
    }

    public Path devstackJar() {
        return root.resolve("tools/devstack/target/devstack.jar");
    }

    public Path devstackClasspathFile() {
        return root.resolve("tools/devstack/target/classpath.txt");
    }

    public Path serviceModule(String service) {
        return root.resolve("services").resolve(service);
    }

    public Path serviceRunner(String service) {
        return serviceModule(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public Path mavenWrapper() {
        return root.resolve("mvnw");
    }

    static Path mkdirs(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
