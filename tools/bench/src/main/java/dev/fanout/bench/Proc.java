package dev.fanout.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs a tool (pgbench, redis-benchmark, top) and returns what it printed. */
final class Proc {

    record Output(int exitCode, String text) {
    }

    private Proc() {
    }

    static Output run(List<String> command, Path dir, Duration timeout) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        Process process = builder.start();
        // read while it runs, so a chatty tool cannot block on a full pipe
        var reader = new java.util.concurrent.CompletableFuture<String>();
        Thread pump = new Thread(() -> {
            try {
                reader.complete(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                reader.complete("");
            }
        }, "proc-output");
        pump.setDaemon(true);
        pump.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor();
            throw new IOException(command.get(0) + " did not finish within " + timeout.toSeconds() + " s");
        }
        pump.join(5_000);
        return new Output(process.exitValue(), reader.getNow(""));
    }

    /** First line of a tool's output, or empty when it cannot be run. */
    static Optional<String> firstLine(List<String> command) {
        try {
            Output out = run(command, null, Duration.ofSeconds(15));
            return out.text().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && java.nio.file.Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
