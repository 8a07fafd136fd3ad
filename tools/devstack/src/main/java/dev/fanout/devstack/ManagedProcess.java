package dev.fanout.devstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A background process the stack owns: started detached (it outlives the command that started it), remembered in a
 * PID file, recognised by a marker in its command line so that a recycled PID is never mistaken for ours.
 */
public final class ManagedProcess {

    static final String ENV_MARKER = "FANOUT_PROCESS";

    private final String name;
    private final Path pidFile;
    private final Path logFile;
    private final String marker;

    public ManagedProcess(ProjectLayout layout, StackProfile profile, String name) {
        this(name, layout.pidDir(profile).resolve(name + ".pid"), layout.logDir(profile).resolve(name + ".log"),
                "-Dfanout.process=" + profile.id() + "/" + name);
    }

    public ManagedProcess(String name, Path pidFile, Path logFile, String marker) {
        this.name = name;
        this.pidFile = pidFile;
        this.logFile = logFile;
        this.marker = marker;
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    /** The JVM flag that marks this process; JVMs carry it on their command line too (visible in ps). */
    public String marker() {
        return marker;
    }

    /**
     * Starts {@code command} in its own session, output appended to the log. The process is marked by
     * {@code FANOUT_PROCESS=<marker>} in its environment (and, for a JVM, by the marker flag on its command line).
     */
    public long start(List<String> command, Map<String, String> environment, Path workDir) {
        if (handle().isPresent()) {
            throw new IllegalStateException(name + " is already running (pid " + handle().get().pid() + ")");
        }
        List<String> full = new ArrayList<>();
        if (new File("/usr/bin/setsid").canExecute()) {
            // own session: Ctrl-C or a closed terminal in the caller does not take the stack down with it
            full.add("/usr/bin/setsid");
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(environment);
        builder.environment().put(ENV_MARKER, marker);
        try {
            Process process = builder.start();
            Files.writeString(pidFile, Long.toString(process.pid()));
            return process.pid();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** The live process of ours behind the PID file, if any. */
    public Optional<ProcessHandle> handle() {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).strip());
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::isOurs);
    }

    public boolean isRunning() {
        return handle().isPresent();
    }

    /** SIGTERM, then SIGKILL after {@code grace}. Returns whether anything was running. */
    public boolean stop(Duration grace) {
        Optional<ProcessHandle> handle = handle();
        handle.ifPresent(h -> {
            h.destroy();
            try {
                h.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
                h.onExit().join();
            }
        });
        deletePidFile();
        return handle.isPresent();
    }

    /** SIGKILL, no grace: what a crash looks like. */
    public boolean kill() {
        Optional<ProcessHandle> handle = handle();
        handle.ifPresent(h -> {
            h.destroyForcibly();
            h.onExit().join();
        });
        deletePidFile();
        return handle.isPresent();
    }

    private void deletePidFile() {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean isOurs(ProcessHandle handle) {
        Path proc = Path.of("/proc", Long.toString(handle.pid()));
        if (Files.isDirectory(proc)) {
            // exact entries: "dev/analytics-service" must not match "dev/analytics-service-2"
            return entries(proc.resolve("environ")).contains(ENV_MARKER + "=" + marker)
                    || entries(proc.resolve("cmdline")).contains(marker);
        }
        // no /proc (macOS): the JDK's view of the arguments, or trust the PID file for non-JVM processes
        return handle.info().arguments().map(args -> List.of(args).contains(marker)).orElse(true);
    }

    private static List<String> entries(Path file) {
        try {
            return List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\u0000"));
        } catch (IOException e) {
            return List.of();
        }
    }
}
