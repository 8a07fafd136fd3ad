package dev.fanout.ops.dlq;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import dev.fanout.events.DeadLetterHeaders;
import dev.fanout.events.TopicCatalog;
import dev.fanout.events.TopicSpec;
import dev.fanout.ops.cluster.Cluster;
import dev.fanout.ops.cluster.ClusterException;
import dev.fanout.ops.cluster.Records;

/** Dead-letter topics as an operator sees them: how deep, what is in them, and sending records back. */
public final class DeadLetters implements AutoCloseable {

    /** A DLQ topic at a glance. {@code pending}: records not redriven yet. */
    public record Depth(String topic, long records, long pending, String oldestPendingFailedAt) {
    }

    /** What a redrive did: records sent back, records skipped because they were redriven before. */
    public record Redrive(List<DeadLetter> sent, List<DeadLetter> alreadyRedriven, List<DeadLetter> unroutable) {
    }

    private final Cluster cluster;
    private final Map<String, Object> clientConfig;
    private final Records records;
    private RedriveLedger ledger;

    public DeadLetters(Cluster cluster, Map<String, Object> clientConfig) {
        this.cluster = cluster;
        this.clientConfig = clientConfig;
        this.records = new Records(clientConfig);
    }

    /** The catalog's DLQ topics plus any other {@code *.dlq} topic on the cluster. */
    public List<String> topics() {
        Set<String> names = new TreeSet<>();
        TopicCatalog.deadLetterTopics().stream().map(TopicSpec::name).forEach(names::add);
        cluster.await(cluster.admin().listTopics().names(), "list topics").stream()
                .filter(t -> t.endsWith(TopicCatalog.DLQ_SUFFIX)).forEach(names::add);
        return List.copyOf(names);
    }

    public List<Depth> depths() {
        RedriveLedger ledger = ledger();
        Set<String> existing = cluster.await(cluster.admin().listTopics().names(), "list topics");
        List<Depth> depths = new ArrayList<>();
        for (String topic : topics()) {
            if (!existing.contains(topic)) {
                depths.add(new Depth(topic, -1, -1, "(topic missing: run ./fanout topics apply)"));
                continue;
            }
            List<DeadLetter> letters = read(topic, l -> true);
            List<DeadLetter> pending = letters.stream().filter(l -> !ledger.contains(l)).toList();
            depths.add(new Depth(topic, letters.size(), pending.size(),
                    pending.stream().map(DeadLetter::failedAt).filter(t -> t != null).min(String::compareTo)
                            .orElse("-")));
        }
        return depths;
    }

    /** Every record of a DLQ topic that matches, in partition and offset order. */
    public List<DeadLetter> read(String topic, Predicate<DeadLetter> filter) {
        List<TopicPartition> partitions = partitions(topic);
        Map<TopicPartition, Long> from = records.beginnings(partitions);
        Map<TopicPartition, Long> to = records.ends(partitions);
        List<DeadLetter> letters = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            records.read(partition, from.get(partition), to.get(partition)).stream().map(DeadLetter::of)
                    .filter(filter).forEach(letters::add);
        }
        return letters;
    }

    public boolean redriven(DeadLetter letter) {
        return ledger().contains(letter);
    }

    private RedriveLedger ledger() {
        if (ledger == null) {
            ledger = new RedriveLedger(records);
        }
        return ledger;
    }

    /**
     * Sends the selected records back to the topic they came from, for the consumer group that dead-lettered them:
     * same key, value and event id; the dead-letter headers stripped; {@code fanout-redrive-for} set so only that
     * group processes them. Each redrive is recorded in the ledger; a record redriven before is skipped unless
     * {@code force}.
     */
    public Redrive redrive(String topic, Predicate<DeadLetter> selection, boolean force, boolean dryRun) {
        RedriveLedger ledger = ledger();
        List<DeadLetter> selected = read(topic, selection);
        List<DeadLetter> sent = new ArrayList<>();
        List<DeadLetter> skipped = new ArrayList<>();
        List<DeadLetter> unroutable = new ArrayList<>();
        if (selected.isEmpty()) {
            return new Redrive(sent, skipped, unroutable);
        }
        try (KafkaProducer<byte[], byte[]> producer = dryRun ? null : producer()) {
            for (DeadLetter letter : selected) {
                if (ledger.contains(letter) && !force) {
                    skipped.add(letter);
                    continue;
                }
                if (letter.sourceTopic() == null || letter.group() == null) {
                    unroutable.add(letter);
                    continue;
                }
                if (!dryRun) {
                    RedriveLedger.send(producer, toSource(letter));
                    RedriveLedger.send(producer, ledger.entry(letter, letter.sourceTopic()));
                }
                sent.add(letter);
            }
        }
        return new Redrive(sent, skipped, unroutable);
    }

    private static ProducerRecord<byte[], byte[]> toSource(DeadLetter letter) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : letter.record().headers()) {
            String name = header.key();
            if (!name.startsWith("dead-letter-") && !name.startsWith("fanout-dlq-")
                    && !name.equals(DeadLetterHeaders.REDRIVE_FOR) && !name.equals(DeadLetterHeaders.REDRIVEN_FROM)) {
                headers.add(header);
            }
        }
        headers.add(DeadLetterHeaders.REDRIVE_FOR, letter.group().getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.REDRIVEN_FROM, letter.ledgerKey().getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(letter.sourceTopic(), null, letter.record().key(), letter.record().value(),
                headers);
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Map<String, Object> config = new HashMap<>();
        clientConfig.forEach((k, v) -> {
            if (ProducerConfig.configNames().contains(k)) {
                config.put(k, v);
            }
        });
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "fanout-ops-redrive");
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private List<TopicPartition> partitions(String topic) {
        if (!cluster.await(cluster.admin().listTopics().names(), "list topics").contains(topic)) {
            throw new ClusterException("no topic " + topic + " on " + cluster.bootstrap()
                    + " (./fanout dlq list shows the dead-letter topics)");
        }
        return cluster.await(cluster.admin().describeTopics(List.of(topic)).allTopicNames(), "describe " + topic)
                .get(topic).partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    @Override
    public void close() {
        records.close();
    }
}
