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

    /** The JVM flag that marks this process; put it on the java command line before the main class or jar. */
    public String marker() {
        return marker;
    }

    /** Starts {@code command} (which must contain {@link #marker()}) in its own session, output appended to the log. */
    public long start(List<String> command, Map<String, String> environment, Path workDir) {
        if (!command.contains(marker)) {
            throw new IllegalArgumentException("command of " + name + " must carry its marker " + marker);
        }
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
        Path cmdline = Path.of("/proc", Long.toString(handle.pid()), "cmdline");
        if (Files.isReadable(cmdline)) {
            try {
                return new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).contains(marker);
            } catch (IOException e) {
                return false;
            }
        }
        // no /proc (macOS): the JDK's view of the arguments
        return handle.info().arguments().map(args -> List.of(args).contains(marker))
                .orElseGet(() -> handle.info().commandLine().map(c -> c.contains(marker)).orElse(false));
    }
}
