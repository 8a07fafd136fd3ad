package dev.fanout.ops.replay;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import dev.fanout.ops.cluster.Cluster;
import dev.fanout.ops.cluster.ClusterException;
import dev.fanout.ops.cluster.ClusterOptions;
import dev.fanout.ops.lag.GroupOffsets;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = { "Moves a service's consumer group to the earliest offset, to a point in time, or by N records, "
                + "so the service reads those events again when it next runs.",
                "Refuses while the group has live members: stop the service first. Consumers are idempotent: events "
                        + "they handled before have no second effect; what failed or was never handled is processed.",
                "To rebuild a projection from scratch instead, run a new consumer group side by side (for analytics: "
                        + "./fanout replay analytics --rebuild on the local stack, or a new generation on ECS)." })
public class ReplayCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Parameters(paramLabel = "SERVICE", description = "a consuming service, e.g. billing-service")
    String service;

    static class Target {
        @Option(names = "--to-earliest", description = "from the start of each topic's retention")
        boolean earliest;

        @Option(names = "--to-datetime", paramLabel = "ISO-8601",
                description = "from the first event at or after this time, e.g. 2026-11-26T09:00:00Z")
        String datetime;

        @Option(names = "--shift-by", paramLabel = "N", description = "move each partition by N records (negative: back)")
        Long shift;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--group", description = "the group, when the service has several (e.g. analytics generations)")
    String group;

    @Option(names = "--topic", description = "only this topic (default: every topic the service consumes)")
    String topic;

    @Option(names = "--dry-run", description = "only show the new offsets")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String service = this.service.endsWith("-service") ? this.service : this.service + "-service";
        try (Cluster connected = Cluster.connect(cluster)) {
            GroupOffsets groups = new GroupOffsets(connected);
            String name = groups.groupOf(service, group);
            ConsumerGroupDescription description = groups.describe(name);
            if (!description.members().isEmpty() && !dryRun) {
                throw new ClusterException("group " + name + " has " + description.members().size()
                        + " live member(s) (" + description.members().stream().map(m -> m.host()).distinct().toList()
                        + "): offsets can only be moved while nobody consumes. Stop " + service
                        + " first (locally: kill its process, ./fanout status shows it; on ECS: scale the service to 0), "
                        + "then run this again and start it.");
            }
            Map<TopicPartition, OffsetAndMetadata> committed = groups.committed(name);
            List<TopicPartition> partitions = groups.partitions(name, committed.keySet()).stream()
                    .filter(tp -> topic == null || tp.topic().equals(topic)).toList();
            if (partitions.isEmpty()) {
                throw new ClusterException("group " + name + " consumes no topic " + (topic == null ? "" : topic));
            }
            Map<TopicPartition, Long> starts = groups.offsets(partitions, OffsetSpec.earliest());
            Map<TopicPartition, Long> ends = groups.offsets(partitions, OffsetSpec.latest());
            Map<TopicPartition, Long> targets = targets(groups, partitions, committed, starts, ends);

            out.printf("%-28s %-18s %4s %10s %10s %10s%n", "GROUP", "TOPIC", "PART", "NOW", "NEW", "TO READ");
            Map<TopicPartition, OffsetAndMetadata> moves = new HashMap<>();
            for (TopicPartition tp : partitions) {
                long now = committed.containsKey(tp) ? committed.get(tp).offset() : starts.get(tp);
                long next = targets.get(tp);
                moves.put(tp, new OffsetAndMetadata(next));
                out.printf("%-28s %-18s %4d %10d %10d %10d%n", name, tp.topic(), tp.partition(), now, next,
                        ends.get(tp) - next);
            }
            if (dryRun) {
                out.println("dry run: nothing changed");
                return 0;
            }
            connected.await(connected.admin().alterConsumerGroupOffsets(name, moves).all(), "move offsets of " + name);
            out.printf("moved %s on %d partition(s); start %s to replay%n", name, moves.size(), service);
            return 0;
        }
    }

    private Map<TopicPartition, Long> targets(GroupOffsets groups, List<TopicPartition> partitions,
            Map<TopicPartition, OffsetAndMetadata> committed, Map<TopicPartition, Long> starts,
            Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> targets = new HashMap<>();
        if (target.earliest) {
            return starts;
        }
        if (target.datetime != null) {
            Instant at;
            try {
                at = Instant.parse(target.datetime);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--to-datetime must be ISO-8601 UTC, e.g. 2026-11-26T09:00:00Z");
            }
            Map<TopicPartition, Long> byTime = groups.offsets(partitions, OffsetSpec.forTimestamp(at.toEpochMilli()));
            // no event at or after that time: nothing to replay in that partition
            partitions.forEach(tp -> targets.put(tp, byTime.get(tp) < 0 ? ends.get(tp) : byTime.get(tp)));
            return targets;
        }
        partitions.forEach(tp -> {
            long now = committed.containsKey(tp) ? committed.get(tp).offset() : starts.get(tp);
            targets.put(tp, Math.max(starts.get(tp), Math.min(ends.get(tp), now + target.shift)));
        });
        return targets;
    }
}
