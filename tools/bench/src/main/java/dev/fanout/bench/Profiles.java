package dev.fanout.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * JDK Flight Recorder on the running services ({@code jcmd <pid> JFR.start}), read back with the JDK's own parser:
 * where each service's CPU samples land, by component (the library of the first non-JDK frame from the top) and by
 * method; and how long the garbage collector paused it.
 */
final class Profiles {

    /** One service's recording, summarised. */
    record Summary(String service, Path file, long samples, Map<String, Long> byComponent, Map<String, Long> topMethods,
            Duration gcPauses, double seconds) {
    }

    /** Library prefixes, most specific first: a frame belongs to the first that matches its class name. */
    static final List<Map.Entry<String, String>> COMPONENTS = List.of(
            Map.entry("dev.fanout.", "Fanout code"),
            Map.entry("io.vertx.pgclient.", "PostgreSQL client (Vert.x)"),
            Map.entry("io.vertx.sqlclient.", "PostgreSQL client (Vert.x)"),
            Map.entry("io.vertx.redis.", "Redis client (Vert.x)"),
            Map.entry("org.hibernate.", "Hibernate Reactive / ORM"),
            Map.entry("io.quarkus.hibernate.", "Hibernate Reactive / ORM"),
            Map.entry("org.apache.kafka.", "Kafka client"),
            Map.entry("io.smallrye.reactive.messaging.", "SmallRye Reactive Messaging"),
            Map.entry("com.fasterxml.jackson.", "Jackson (JSON)"),
            Map.entry("io.micrometer.", "Micrometer (metrics)"),
            Map.entry("io.quarkus.micrometer.", "Micrometer (metrics)"),
            Map.entry("io.opentelemetry.", "OpenTelemetry (tracing)"),
            Map.entry("io.quarkus.opentelemetry.", "OpenTelemetry (tracing)"),
            Map.entry("org.jboss.logmanager.", "logging"),
            Map.entry("org.jboss.logging.", "logging"),
            Map.entry("io.smallrye.mutiny.", "Mutiny"),
            Map.entry("io.smallrye.context.", "context propagation"),
            Map.entry("io.netty.", "Netty / Vert.x core"),
            Map.entry("io.vertx.", "Netty / Vert.x core"),
            Map.entry("org.jboss.resteasy.", "REST (RESTEasy Reactive)"),
            Map.entry("io.quarkus.resteasy.", "REST (RESTEasy Reactive)"),
            Map.entry("io.quarkus.", "Quarkus runtime"),
            Map.entry("io.smallrye.", "SmallRye (other)"),
            Map.entry("org.postgresql.", "PostgreSQL JDBC (Flyway)"),
            Map.entry("com.ongres.", "PostgreSQL client (Vert.x)"));

    private Profiles() {
    }

    static String jcmd() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        return Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd";
    }

    static void start(long pid) throws IOException, InterruptedException {
        Proc.Output out = Proc.run(List.of(jcmd(), Long.toString(pid), "JFR.start", "name=fanout-bench",
                "settings=profile"), null, Duration.ofSeconds(60));
        if (out.exitCode() != 0 || out.text().contains("Could not")) {
            throw new IOException("JFR.start on " + pid + " failed: " + Proc.tail(out.text(), 5));
        }
    }

    static void stop(long pid, Path file) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Proc.Output out = Proc.run(List.of(jcmd(), Long.toString(pid), "JFR.stop", "name=fanout-bench",
                "filename=" + file), null, Duration.ofSeconds(120));
        if (out.exitCode() != 0 || !Files.exists(file)) {
            throw new IOException("JFR.stop on " + pid + " failed: " + Proc.tail(out.text(), 5));
        }
    }

    static Summary summarise(String service, Path file) throws IOException {
        Map<String, Long> byComponent = new HashMap<>();
        Map<String, Long> byMethod = new HashMap<>();
        long samples = 0;
        long gcNanos = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                String type = event.getEventType().getName();
                if (type.equals("jdk.ExecutionSample")) {
                    samples++;
                    long t = event.getStartTime().toEpochMilli();
                    first = Math.min(first, t);
                    last = Math.max(last, t);
                    RecordedStackTrace stack = event.getStackTrace();
                    if (stack == null || stack.getFrames().isEmpty()) {
                        byComponent.merge("(no stack)", 1L, Long::sum);
                        continue;
                    }
                    List<RecordedFrame> frames = stack.getFrames();
                    RecordedFrame top = frames.get(0);
                    byMethod.merge(method(top), 1L, Long::sum);
                    byComponent.merge(component(frames), 1L, Long::sum);
                } else if (type.equals("jdk.GarbageCollection")) {
                    gcNanos += event.getDuration().toNanos();
                }
            }
        }
        double seconds = first == Long.MAX_VALUE ? 0 : (last - first) / 1000.0;
        return new Summary(service, file, samples, sorted(byComponent, 12), sorted(byMethod, 8),
                Duration.ofNanos(gcNanos), seconds);
    }

    /** The component of the first frame (from the top) outside the JDK; JDK-only stacks count as "JDK". */
    static String component(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod() == null ? "" : frame.getMethod().getType().getName();
            String c = componentOf(type);
            if (c != null) {
                return c;
            }
        }
        return "JDK (no library frame)";
    }

    /** The component of a class name, or null for JDK classes (java., jdk., sun., com.sun.). */
    static String componentOf(String className) {
        if (className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.")
                || className.startsWith("com.sun.") || className.isEmpty()) {
            return null;
        }
        for (Map.Entry<String, String> e : COMPONENTS) {
            if (className.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        int dots = 0;
        for (int i = 0; i < className.length(); i++) {
            if (className.charAt(i) == '.' && ++dots == 2) {
                return className.substring(0, i);
            }
        }
        return className;
    }

    private static String method(RecordedFrame frame) {
        if (frame.getMethod() == null) {
            return "?";
        }
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName() + " ("
                + type.substring(0, Math.max(0, type.lastIndexOf('.'))) + ")";
    }

    private static Map<String, Long> sorted(Map<String, Long> counts, int limit) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        Map<String, Long> top = new LinkedHashMap<>();
        long rest = 0;
        for (int i = 0; i < entries.size(); i++) {
            if (i < limit) {
                top.put(entries.get(i).getKey(), entries.get(i).getValue());
            } else {
                rest += entries.get(i).getValue();
            }
        }
        if (rest > 0) {
            top.put("(everything else)", rest);
        }
        return top;
    }
}
