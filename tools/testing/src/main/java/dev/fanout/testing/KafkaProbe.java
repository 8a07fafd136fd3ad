package dev.fanout.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** Reads what really reached a topic, on a real broker. */
public final class KafkaProbe implements AutoCloseable {

    private final KafkaCompanion companion;

    public KafkaProbe(String bootstrap) {
        this.companion = new KafkaCompanion(bootstrap);
    }

    /** Every record of {@code topic} (from the start) that matches, once at least {@code expected} are there. */
    public List<ConsumerRecord<String, String>> await(String topic, Predicate<ConsumerRecord<String, String>> filter,
            int expected, Duration timeout) {
        ConsumerTask<String, String> task = companion.consumeStrings().fromTopics(topic);
        try {
            org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .until(() -> task.getRecords().stream().filter(filter).count() >= expected);
            // a moment more, so that unexpected extra records (duplicates) show up too
            return settle(task, filter);
        } finally {
            task.stop();
        }
    }

    private static List<ConsumerRecord<String, String>> settle(ConsumerTask<String, String> task,
            Predicate<ConsumerRecord<String, String>> filter) {
        long count = -1;
        List<ConsumerRecord<String, String>> matching = List.of();
        // stable for 1 s: nothing more is coming for this filter
        long stableSince = System.currentTimeMillis();
        while (System.currentTimeMillis() - stableSince < 1000) {
            matching = task.getRecords().stream().filter(filter).toList();
            if (matching.size() != count) {
                count = matching.size();
                stableSince = System.currentTimeMillis();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return matching;
    }

    /** Everything on {@code topic} right now (from the start to the current end offsets). */
    public List<ConsumerRecord<String, String>> recordsNow(String topic) {
        long end = endOffset(topic);
        if (end == 0) {
            return List.of();
        }
        ConsumerTask<String, String> task = companion.consumeStrings().fromTopics(topic);
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> task.getRecords().size() >= end);
            return task.getRecords();
        } finally {
            task.stop();
        }
    }

    public List<ConsumerRecord<String, String>> awaitKey(String topic, String key, int expected, Duration timeout) {
        return await(topic, r -> key.equals(r.key()), expected, timeout);
    }

    /** Sum over partitions of the log-end offsets: grows by one per record written. */
    public long endOffset(String topic) {
        try {
            var admin = companion.getOrCreateAdminClient();
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> request = java.util.stream.IntStream.range(0, partitions).boxed()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest()));
            return admin.listOffsets(request).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read end offsets of " + topic, e);
        }
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        companion.close();
    }
}
