package dev.fanout.ops.dlq;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import dev.fanout.events.TopicCatalog;
import dev.fanout.ops.cluster.Records;

/**
 * Which dead letters were redriven already: a compacted topic on the cluster itself ({@code fanout.redrives}), so
 * every operator and every machine sees the same answer and a record is redriven once.
 */
final class RedriveLedger {

    private static final TopicPartition LEDGER = new TopicPartition(TopicCatalog.REDRIVE_LEDGER, 0);

    private final Set<String> redriven = new HashSet<>();

    RedriveLedger(Records records) {
        long end = records.ends(List.of(LEDGER)).get(LEDGER);
        long start = records.beginnings(List.of(LEDGER)).get(LEDGER);
        records.read(LEDGER, start, end).forEach(r -> {
            if (r.key() != null && r.value() != null) {
                redriven.add(new String(r.key(), StandardCharsets.UTF_8));
            }
        });
    }

    boolean contains(DeadLetter letter) {
        return redriven.contains(letter.ledgerKey());
    }

    ProducerRecord<byte[], byte[]> entry(DeadLetter letter, String target) {
        redriven.add(letter.ledgerKey());
        String value = "{\"redrivenAt\":\"" + Instant.now() + "\",\"to\":\"" + target + "\",\"group\":\""
                + letter.group() + "\"}";
        return new ProducerRecord<>(TopicCatalog.REDRIVE_LEDGER, letter.ledgerKey().getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8));
    }

    static void send(KafkaProducer<byte[], byte[]> producer, ProducerRecord<byte[], byte[]> record) {
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot write to " + record.topic() + ": " + e.getMessage(), e);
        }
    }
}
