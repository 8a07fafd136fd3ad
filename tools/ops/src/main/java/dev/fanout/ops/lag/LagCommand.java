package dev.fanout.ops.lag;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import dev.fanout.ops.cluster.Cluster;
import dev.fanout.ops.cluster.ClusterOptions;
import dev.fanout.ops.cluster.Records;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "lag", mixinStandardHelpOptions = true,
        description = { "Lag per consumer group and partition, and the age of the oldest event not yet consumed.",
                "A partition the group never committed counts from the start of the topic." })
public class LagCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--group", description = "only this group (default: every Fanout service's groups)")
    String group;

    @Option(names = "--all-partitions", description = "also list partitions without lag")
    boolean allPartitions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Cluster connected = Cluster.connect(cluster); Records records = new Records(cluster.clientConfig())) {
            GroupOffsets groups = new GroupOffsets(connected);
            List<String> names = group != null ? List.of(groups.groupOf(GroupOffsets.serviceOf(group) == null
                    ? group : GroupOffsets.serviceOf(group), group)) : groups.fanoutGroups();
            out.printf("%-28s %-12s %-7s %-18s %4s %10s %10s %8s  %s%n", "GROUP", "STATE", "MEMBERS", "TOPIC",
                    "PART", "COMMITTED", "END", "LAG", "OLDEST UNCONSUMED");
            for (String name : names) {
                ConsumerGroupDescription description = groups.describe(name);
                Map<TopicPartition, OffsetAndMetadata> committed = groups.committed(name);
                List<TopicPartition> partitions = groups.partitions(name, committed.keySet());
                Map<TopicPartition, Long> ends = groups.offsets(partitions, OffsetSpec.latest());
                Map<TopicPartition, Long> starts = groups.offsets(partitions, OffsetSpec.earliest());
                long total = 0;
                Duration oldest = Duration.ZERO;
                for (TopicPartition tp : partitions) {
                    long end = ends.get(tp);
                    long position = committed.containsKey(tp) ? committed.get(tp).offset() : starts.get(tp);
                    long lag = Math.max(0, end - position);
                    total += lag;
                    String age = "-";
                    if (lag > 0) {
                        ConsumerRecord<byte[], byte[]> next = records.first(tp, position, end);
                        if (next != null) {
                            Duration waited = Duration.between(Instant.ofEpochMilli(next.timestamp()), Instant.now());
                            oldest = waited.compareTo(oldest) > 0 ? waited : oldest;
                            age = pretty(waited);
                        }
                    }
                    if (lag > 0 || allPartitions) {
                        out.printf("%-28s %-12s %-7d %-18s %4d %10s %10d %8d  %s%n", name, description.groupState(),
                                description.members().size(), tp.topic(), tp.partition(),
                                committed.containsKey(tp) ? Long.toString(position) : "-", end, lag, age);
                    }
                }
                out.printf("%-28s %-12s %-7d %-18s %4s %10s %10s %8d  %s%n", name, description.groupState(),
                        description.members().size(), "(all)", "", "", "", total,
                        total == 0 ? "caught up" : "oldest " + pretty(oldest));
            }
            return 0;
        }
    }

    static String pretty(Duration d) {
        long s = d.toSeconds();
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return s / 60 + " min";
        }
        return s / 3600 + " h";
    }
}
