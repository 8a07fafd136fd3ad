package dev.fanout.ops.topics;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import dev.fanout.events.TopicCatalog;
import dev.fanout.ops.cluster.Cluster;
import dev.fanout.ops.cluster.ClusterOptions;
import dev.fanout.ops.topics.TopicProvisioner.Result;
import dev.fanout.ops.topics.TopicProvisioner.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "topics", description = "Create or check the topic catalog on a cluster.",
        subcommands = { TopicsCommand.Apply.class })
public class TopicsCommand {

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = { "Creates missing topics of the catalog and aligns retention, cleanup policy and "
                    + "min.insync.replicas. Partition counts and replication factors are only reported.",
                    "Exit status: 0 when the cluster matches, 2 when something needs a human (DRIFT)." })
    public static class Apply implements Callable<Integer> {

        @Mixin
        ClusterOptions cluster;

        @Option(names = "--dry-run", description = "only say what would change")
        boolean dryRun;

        @Option(names = "--replication-factor", paramLabel = "N",
                description = "override the replication factor (default: 3, or the broker count if smaller)")
        Integer replicationFactor;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Cluster connected = Cluster.connect(cluster)) {
                int brokers = connected.brokers().size();
                Settings settings = Settings.forBrokers(replicationFactor == null ? brokers : replicationFactor, dryRun);
                List<Result> results = new TopicProvisioner(connected).apply(TopicCatalog.all(), settings);
                out.printf("%-45s %-13s %s%n", "TOPIC", "RESULT", "NOTES");
                for (Result r : results) {
                    out.printf("%-45s %-13s %s%n", r.topic(), r.outcome(), String.join("; ", r.notes()));
                }
                out.printf("%d topics on %s (%d broker%s): %s%n", results.size(), connected.bootstrap(), brokers,
                        brokers == 1 ? "" : "s", TopicProvisioner.summary(results));
                return results.stream().anyMatch(r -> r.outcome().isProblem()) ? 2 : 0;
            }
        }
    }
}
