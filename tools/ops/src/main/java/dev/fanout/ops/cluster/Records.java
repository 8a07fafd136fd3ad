package dev.fanout.ops.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads ranges of records without joining any consumer group (nothing is committed, no group is disturbed). */
public final class Records implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;

    public Records(Map<String, Object> clientConfig) {
        Map<String, Object> config = new HashMap<>();
        clientConfig.forEach((k, v) -> {
            if (ConsumerConfig.configNames().contains(k)) {
                config.put(k, v);
            }
        });
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "fanout-ops-reader");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Records of one partition in [from, to), in offset order. */
    public List<ConsumerRecord<byte[], byte[]>> read(TopicPartition partition, long from, long to) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        if (from >= to) {
            return records;
        }
        consumer.assign(List.of(partition));
        consumer.seek(partition, from);
        long position = from;
        int emptyPolls = 0;
        while (position < to && emptyPolls < 20) {
            var batch = consumer.poll(Duration.ofMillis(500)).records(partition);
            if (batch.isEmpty()) {
                emptyPolls++;
                position = consumer.position(partition);
                continue;
            }
            emptyPolls = 0;
            for (ConsumerRecord<byte[], byte[]> record : batch) {
                if (record.offset() >= to) {
                    return records;
                }
                records.add(record);
            }
            position = consumer.position(partition);
        }
        return records;
    }

    /** The first record at or after {@code offset}, or null when there is none before the end. */
    public ConsumerRecord<byte[], byte[]> first(TopicPartition partition, long offset, long end) {
        List<ConsumerRecord<byte[], byte[]>> records = read(partition, offset, Math.min(end, offset + 1));
        return records.isEmpty() ? null : records.get(0);
    }

    public Map<TopicPartition, Long> beginnings(List<TopicPartition> partitions) {
        return consumer.beginningOffsets(partitions);
    }

    public Map<TopicPartition, Long> ends(List<TopicPartition> partitions) {
        return consumer.endOffsets(partitions);
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
