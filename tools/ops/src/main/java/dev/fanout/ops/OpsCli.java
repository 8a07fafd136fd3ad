package dev.fanout.ops;

import dev.fanout.ops.cluster.ClusterException;
import dev.fanout.ops.dlq.DlqCommand;
import dev.fanout.ops.lag.LagCommand;
import dev.fanout.ops.replay.ReplayCommand;
import dev.fanout.ops.topics.TopicsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./fanout <ops command>} lands here. */
@Command(name = "fanout", mixinStandardHelpOptions = true, version = "fanout ops 0.1",
        description = "Operate Fanout's Kafka side: the same commands against the local stack and MSK.",
        subcommands = { TopicsCommand.class, DlqCommand.class, ReplayCommand.class, LagCommand.class })
public class OpsCli {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        return new CommandLine(new OpsCli())
                .setExecutionExceptionHandler((e, cmd, parseResult) -> {
                    if (e instanceof ClusterException || e instanceof IllegalArgumentException) {
                        cmd.getErr().println("error: " + e.getMessage());
                        return 1;
                    }
                    throw e;
                });
    }
}
