package dev.fanout.events.golden;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import dev.fanout.events.EventType;
import dev.fanout.events.EventTypes;

/**
 * The golden samples of every event version, read from the classpath. Shipped in the test-jar so that consuming
 * services can run their own contract tests against exactly what producers wrote (consumer-driven contracts).
 */
public final class GoldenSamples {

    private static final String ROOT = "golden/";

    /** One sample: the event type it claims to be and its raw JSON body. */
    public record Sample(String path, EventType<?> eventType, String json) {

        public boolean tolerantReader() {
            return path.contains("tolerant-reader");
        }

        public byte[] bytes() {
            return json.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return path;
        }
    }

    private GoldenSamples() {
    }

    public static List<Sample> all() {
        return index().stream().map(GoldenSamples::load).toList();
    }

    public static List<Sample> of(EventType<?> type) {
        return all().stream().filter(s -> s.eventType().equals(type)).toList();
    }

    /** The paths listed in {@code golden/samples.txt}. */
    public static List<String> index() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(ROOT + "samples.txt"),
                StandardCharsets.UTF_8))) {
            return reader.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Sample load(String path) {
        String type = path.substring(0, path.indexOf('/'));
        EventType<?> eventType = EventTypes.byType(type)
                .orElseThrow(() -> new IllegalStateException("golden sample for unknown event type: " + path));
        try (InputStream in = open(ROOT + path)) {
            return new Sample(path, eventType, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String resource) {
        return Objects.requireNonNull(GoldenSamples.class.getClassLoader().getResourceAsStream(resource),
                () -> "missing classpath resource " + resource);
    }
}
