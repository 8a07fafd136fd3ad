package dev.fanout.ops.dlq;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

import dev.fanout.ops.cluster.Cluster;
import dev.fanout.ops.cluster.ClusterOptions;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "dlq", description = "Dead-letter topics: list them, show their records, redrive them.",
        subcommands = { DlqCommand.ListCommand.class, DlqCommand.Show.class, DlqCommand.RedriveCommand.class })
public class DlqCommand {

    /** Which records: an offset range, a key, or all. */
    static class Selection {
        @Option(names = "--offsets", paramLabel = "FROM-TO", description = "offsets FROM to TO, inclusive")
        String offsets;

        @Option(names = "--key", paramLabel = "KEY", description = "records with this key (an order id)")
        String key;

        @Option(names = "--all", description = "every record")
        boolean all;

        Predicate<DeadLetter> predicate() {
            if (key != null) {
                return l -> key.equals(l.key());
            }
            if (offsets != null) {
                String[] range = offsets.split("-");
                if (range.length != 2) {
                    throw new IllegalArgumentException("--offsets must look like 12-40");
                }
                long from = Long.parseLong(range[0].trim());
                long to = Long.parseLong(range[1].trim());
                return l -> l.offset() >= from && l.offset() <= to;
            }
            return l -> true;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every dead-letter topic with its depth and what is still waiting to be redriven.")
    static class ListCommand implements Callable<Integer> {
        @Mixin
        ClusterOptions cluster;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Cluster connected = Cluster.connect(cluster);
                    DeadLetters letters = new DeadLetters(connected, cluster.clientConfig())) {
                List<DeadLetters.Depth> depths = letters.depths();
                out.printf("%-42s %8s %8s  %s%n", "DEAD-LETTER TOPIC", "RECORDS", "PENDING", "OLDEST PENDING FAILED AT");
                for (DeadLetters.Depth d : depths) {
                    out.printf("%-42s %8s %8s  %s%n", d.topic(), d.records() < 0 ? "-" : d.records(),
                            d.pending() < 0 ? "-" : d.pending(), d.oldestPendingFailedAt());
                }
                long pending = depths.stream().mapToLong(d -> Math.max(0, d.pending())).sum();
                out.printf("%d dead-letter topics, %d records waiting%s%n", depths.size(), pending,
                        pending > 0 ? ": ./fanout dlq show <topic> to see why" : "");
                return 0;
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "The records of one dead-letter topic with their causes.")
    static class Show implements Callable<Integer> {
        @Mixin
        ClusterOptions cluster;

        @Parameters(paramLabel = "DLQ_TOPIC")
        String topic;

        @ArgGroup(exclusive = true)
        Selection selection = new Selection();

        @Option(names = "--limit", defaultValue = "20", description = "at most this many (default: ${DEFAULT-VALUE})")
        int limit;

        @Option(names = "--pending", description = "only records not redriven yet")
        boolean pendingOnly;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Cluster connected = Cluster.connect(cluster);
                    DeadLetters letters = new DeadLetters(connected, cluster.clientConfig())) {
                List<DeadLetter> found = letters.read(topic, selection.predicate());
                int shown = 0;
                for (DeadLetter l : found) {
                    boolean redriven = letters.redriven(l);
                    if (pendingOnly && redriven) {
                        continue;
                    }
                    if (shown++ == limit) {
                        out.printf("... more: raise --limit or narrow with --offsets/--key%n");
                        break;
                    }
                    out.printf("%s/%d@%d  key=%s  %s%n", l.dlqTopic(), l.partition(), l.offset(), l.key(),
                            redriven ? "REDRIVEN" : "PENDING");
                    out.printf("  event     %s %s%n", l.eventType(), l.eventId());
                    out.printf("  from      %s/%s@%s, consumer %s%n", l.sourceTopic(), l.sourcePartition(),
                            l.sourceOffset(), l.consumer());
                    out.printf("  failed    %s after %s attempt(s), category %s%n", l.failedAt(), l.attempts(),
                            l.category());
                    out.printf("  reason    %s%n", l.reason());
                    out.printf("  body      %s%n", l.body(200));
                }
                out.printf("%d record(s) in %s match%n", found.size(), topic);
                return 0;
            }
        }
    }

    @Command(name = "redrive", mixinStandardHelpOptions = true,
            description = { "Sends dead letters back to their source topic for the consumer group that failed them, "
                    + "once: same key, value and event id (consumers that handled it already do nothing).",
                    "Fix the cause first (deploy the fix, restore the dependency); then redrive." })
    static class RedriveCommand implements Callable<Integer> {
        @Mixin
        ClusterOptions cluster;

        @Parameters(paramLabel = "DLQ_TOPIC")
        String topic;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Selection selection;

        @Option(names = "--dry-run", description = "only say what would be redriven")
        boolean dryRun;

        @Option(names = "--force", description = "redrive records that were redriven before (they failed again?)")
        boolean force;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Cluster connected = Cluster.connect(cluster);
                    DeadLetters letters = new DeadLetters(connected, cluster.clientConfig())) {
                DeadLetters.Redrive result = letters.redrive(topic, selection.predicate(), force, dryRun);
                for (DeadLetter l : result.sent()) {
                    out.printf("%s %s@%d (%s %s) -> %s for %s%n", dryRun ? "would redrive" : "redriven",
                            l.dlqTopic(), l.offset(), l.eventType(), l.key(), l.sourceTopic(), l.group());
                }
                for (DeadLetter l : result.alreadyRedriven()) {
                    out.printf("skipped %s@%d: redriven before (use --force to send it again)%n", l.dlqTopic(),
                            l.offset());
                }
                for (DeadLetter l : result.unroutable()) {
                    out.printf("skipped %s@%d: no dead-letter-topic/fanout-dlq-consumer header, cannot route%n",
                            l.dlqTopic(), l.offset());
                }
                out.printf("%s %d, skipped %d already redriven, %d unroutable%n", dryRun ? "would redrive" : "redrove",
                        result.sent().size(), result.alreadyRedriven().size(), result.unroutable().size());
                return result.unroutable().isEmpty() ? 0 : 2;
            }
        }
    }
}
