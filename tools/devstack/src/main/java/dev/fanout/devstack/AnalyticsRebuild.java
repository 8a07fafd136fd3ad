package dev.fanout.devstack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.fanout.events.TopicCatalog;

/**
 * {@code ./fanout replay analytics --rebuild}: rebuilds analytics' aggregates from the topics side by side. A new
 * generation of analytics-service starts under a new consumer group and key prefix, reads every topic from the
 * earliest offset while the serving generation keeps answering, and once it has caught up and its numbers equal the
 * serving ones, reads switch to it and the old generation is stopped (and its keys deleted unless kept).
 */
final class AnalyticsRebuild {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration CATCH_UP = Duration.ofMinutes(30);

    private final Stack stack;
    private final ProjectLayout layout;
    private final ServiceApp analytics = ServiceApp.named("analytics-service");
    private final PrintStream out;

    AnalyticsRebuild(Stack stack, ProjectLayout layout, PrintStream out) {
        this.stack = stack;
        this.layout = layout;
        this.out = out;
    }

    /** Where the generation the local stack runs is remembered between ./fanout up runs. */
    static Path generationFile(ProjectLayout layout, StackProfile profile) {
        return layout.stateDir(profile).resolve("analytics.generation");
    }

    void run(boolean keepOld) {
        if (!stack.process(analytics).isRunning()) {
            throw new IllegalStateException("analytics-service is not running: start the stack first (./fanout up)");
        }
        String serving = stack.url(analytics, 1);
        JsonNode generations = get(serving + "/analytics/generations");
        int active = generations.get("active").asInt();
        int next = 1;
        for (JsonNode g : generations.get("generations")) {
            next = Math.max(next, g.get("generation").asInt() + 1);
        }
        next = Math.max(next, generations.get("instance").asInt() + 1);
        out.printf("analytics serves generation %d; rebuilding from the earliest offsets as generation %d%n", active,
                next);

        stack.launch(analytics, 2, Map.of("FANOUT_ANALYTICS_GENERATION", Integer.toString(next)));
        try {
            if (!stack.awaitReady(analytics, 2, Duration.ofSeconds(120))) {
                throw new IllegalStateException("generation " + next + " did not become ready; log: "
                        + stack.process(analytics, 2).logFile());
            }
            awaitCaughtUp("analytics-service-g" + next, stack.url(analytics, 2), next);
            compare(serving, active, next);
            post(serving + "/analytics/generations/" + next + "/activate");
            out.printf("reads switched to generation %d%n", next);

            // the rebuilt generation takes over the usual port; the old one stops
            remember(next);
            stack.process(analytics, 1).stop(Duration.ofSeconds(20));
            stack.launch(analytics, 1, Map.of("FANOUT_ANALYTICS_GENERATION", Integer.toString(next)));
            if (!stack.awaitReady(analytics, 1, Duration.ofSeconds(120))) {
                throw new IllegalStateException("analytics-service (generation " + next + ") did not restart");
            }
        } finally {
            stack.process(analytics, 2).stop(Duration.ofSeconds(20));
        }
        if (!keepOld && active != next) {
            delete(stack.url(analytics, 1) + "/analytics/generations/" + active);
            out.printf("deleted generation %d's keys (keep them next time with --keep-old)%n", active);
        }
        out.printf("done: analytics-service serves generation %d on %s%n", next, stack.url(analytics, 1));
    }

    private void awaitCaughtUp(String group, String url, int generation) {
        Set<String> topics = TopicCatalog.SUBSCRIPTIONS.get("analytics-service");
        Instant deadline = Instant.now().plus(CATCH_UP);
        long lastReport = 0;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.profile().kafkaBootstrap(), AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
            while (Instant.now().isBefore(deadline)) {
                long lag = lag(admin, group, topics);
                long applied = eventsApplied(url, generation);
                if (System.currentTimeMillis() - lastReport > 2000) {
                    out.printf("  generation %d: %d events applied, lag %d%n", generation, applied, lag);
                    lastReport = System.currentTimeMillis();
                }
                if (lag == 0) {
                    out.printf("  generation %d caught up: %d events applied%n", generation, applied);
                    return;
                }
                Net.await(() -> false, Duration.ofMillis(500), Duration.ofMillis(500));
            }
        }
        throw new IllegalStateException("generation " + generation + " did not catch up within " + CATCH_UP);
    }

    private long eventsApplied(String url, int generation) {
        for (JsonNode g : get(url + "/analytics/generations").get("generations")) {
            if (g.get("generation").asInt() == generation) {
                return g.get("eventsApplied").asLong();
            }
        }
        return 0;
    }

    /** Committed-offset lag of the group over the analytics topics; a partition never committed counts whole. */
    private static long lag(Admin admin, String group, Set<String> topics) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            List<TopicPartition> partitions = admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS)
                    .values().stream().flatMap(d -> d.partitions().stream()
                            .map(p -> new TopicPartition(d.name(), p.partition())))
                    .toList();
            var ends = admin.listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp,
                    tp -> OffsetSpec.latest()))).all().get(10, TimeUnit.SECONDS);
            var starts = admin.listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp,
                    tp -> OffsetSpec.earliest()))).all().get(10, TimeUnit.SECONDS);
            long lag = 0;
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata at = committed.get(tp);
                long position = at == null ? starts.get(tp).offset() : at.offset();
                lag += Math.max(0, ends.get(tp).offset() - position);
            }
            return lag;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the lag of " + group + ": " + e.getMessage());
        }
    }

    /** Orders, revenue and rejections of both generations, equal once both have read the same events. */
    private void compare(String url, int old, int rebuilt) {
        Instant deadline = Instant.now().plusSeconds(60);
        JsonNode a = null;
        JsonNode b = null;
        while (Instant.now().isBefore(deadline)) {
            a = numbers(get(url + "/analytics/summary?generation=" + old));
            b = numbers(get(url + "/analytics/summary?generation=" + rebuilt));
            if (a.equals(b)) {
                out.printf("  generation %d equals generation %d: %s%n", rebuilt, old, a.get("orders"));
                return;
            }
            // intake may be running: the two see the newest events a moment apart
            Net.await(() -> false, Duration.ofSeconds(1), Duration.ofSeconds(1));
        }
        throw new IllegalStateException("the rebuilt numbers differ from the serving ones; not switching.\n  "
                + "generation " + old + ": " + a + "\n  generation " + rebuilt + ": " + b);
    }

    private static JsonNode numbers(JsonNode summary) {
        var node = JSON.createObjectNode();
        node.set("orders", summary.get("orders"));
        node.set("revenue", summary.get("revenue"));
        node.set("rejections", summary.get("rejections"));
        return node;
    }

    private void remember(int generation) {
        try {
            Files.writeString(generationFile(layout, stack.profile()), Integer.toString(generation));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    private static void post(String url) {
        send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static void delete(String url) {
        send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).DELETE().build());
    }

    private static JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
