package dev.fanout.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Runs the project's Maven wrapper, for the few things the stack builds on demand. */
final class Maven {

    private Maven() {
    }

    static void run(ProjectLayout layout, String... args) {
        List<String> command = new ArrayList<>();
        command.add(layout.mavenWrapper().toString());
        command.add("-B");
        command.addAll(List.of(args));
        try {
            Process maven = new ProcessBuilder(command).directory(layout.root().toFile()).inheritIO().start();
            if (maven.waitFor() != 0) {
                throw new IllegalStateException("Maven failed: " + String.join(" ", command));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running Maven");
        }
    }
}
