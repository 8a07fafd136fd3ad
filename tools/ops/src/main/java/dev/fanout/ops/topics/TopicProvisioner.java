package dev.fanout.ops.topics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

import dev.fanout.events.TopicSpec;
import dev.fanout.ops.cluster.Cluster;

/**
 * Makes a cluster match the topic catalog: creates missing topics, aligns the configs the catalog owns
 * (retention, cleanup policy, min.insync.replicas) and reports what it must not change on its own (partition
 * counts: adding partitions remaps keys and breaks per-order ordering; replication factor).
 */
public final class TopicProvisioner {

    /** What the cluster should look like beyond the catalog: it depends on the cluster's size. */
    public record Settings(int replicationFactor, int minInsyncReplicas, boolean dryRun) {

        /** Three replicas with two in sync where the cluster allows (MSK: 3 brokers over 3 AZs), else what fits. */
        public static Settings forBrokers(int brokers, boolean dryRun) {
            int replication = Math.min(3, Math.max(1, brokers));
            return new Settings(replication, replication >= 3 ? 2 : 1, dryRun);
        }
    }

    public enum Outcome {
        CREATED, UPDATED, UNCHANGED, WOULD_CREATE, WOULD_UPDATE, DRIFT;

        public boolean isProblem() {
            return this == DRIFT;
        }
    }

    public record Result(String topic, Outcome outcome, List<String> notes) {
    }

    private final Cluster cluster;

    public TopicProvisioner(Cluster cluster) {
        this.cluster = cluster;
    }

    public List<Result> apply(List<TopicSpec> catalog, Settings settings) {
        Set<String> existing = cluster.await(cluster.admin().listTopics().names(), "list topics");
        List<TopicSpec> missing = catalog.stream().filter(t -> !existing.contains(t.name())).toList();
        List<TopicSpec> present = catalog.stream().filter(t -> existing.contains(t.name())).toList();

        List<Result> results = new ArrayList<>();
        results.addAll(create(missing, settings));
        results.addAll(reconcile(present, settings));
        return results;
    }

    private List<Result> create(List<TopicSpec> missing, Settings settings) {
        if (missing.isEmpty()) {
            return List.of();
        }
        if (settings.dryRun()) {
            return missing.stream().map(t -> new Result(t.name(), Outcome.WOULD_CREATE,
                    List.of(t.partitions() + " partitions, replication " + settings.replicationFactor()))).toList();
        }
        List<NewTopic> newTopics = missing.stream()
                .map(t -> new NewTopic(t.name(), t.partitions(), (short) settings.replicationFactor())
                        .configs(desiredConfig(t, settings)))
                .toList();
        cluster.await(cluster.admin().createTopics(newTopics).all(), "create topics");
        return missing.stream().map(t -> new Result(t.name(), Outcome.CREATED,
                List.of(t.partitions() + " partitions, replication " + settings.replicationFactor()))).toList();
    }

    private List<Result> reconcile(List<TopicSpec> present, Settings settings) {
        if (present.isEmpty()) {
            return List.of();
        }
        Collection<String> names = present.stream().map(TopicSpec::name).toList();
        Map<String, TopicDescription> descriptions = cluster.await(
                cluster.admin().describeTopics(names).allTopicNames(), "describe topics");
        Map<ConfigResource, Config> configs = cluster.await(cluster.admin().describeConfigs(names.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList()).all(), "describe topic configs");

        List<Result> results = new ArrayList<>();
        Map<ConfigResource, Collection<AlterConfigOp>> alterations = new java.util.HashMap<>();
        for (TopicSpec spec : present) {
            TopicDescription description = descriptions.get(spec.name());
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
            Config actual = configs.get(resource);

            List<String> drift = new ArrayList<>();
            int partitions = description.partitions().size();
            if (partitions != spec.partitions()) {
                drift.add("has " + partitions + " partitions, the catalog says " + spec.partitions()
                        + " (not changed: adding partitions remaps order ids to other partitions; plan it)");
            }
            int replication = description.partitions().get(0).replicas().size();
            if (replication < settings.replicationFactor()) {
                drift.add("replication factor " + replication + " < " + settings.replicationFactor()
                        + " (not changed: reassign partitions to raise it)");
            }

            List<String> changes = new ArrayList<>();
            List<AlterConfigOp> ops = new ArrayList<>();
            desiredConfig(spec, settings).forEach((key, value) -> {
                ConfigEntry entry = actual.get(key);
                String current = entry == null ? null : entry.value();
                if (!value.equals(current)) {
                    changes.add(key + ": " + current + " -> " + value);
                    ops.add(new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET));
                }
            });
            if (!ops.isEmpty() && !settings.dryRun()) {
                alterations.put(resource, ops);
            }

            List<String> notes = new ArrayList<>(drift);
            notes.addAll(changes);
            Outcome outcome;
            if (!drift.isEmpty()) {
                outcome = Outcome.DRIFT;
            } else if (changes.isEmpty()) {
                outcome = Outcome.UNCHANGED;
            } else {
                outcome = settings.dryRun() ? Outcome.WOULD_UPDATE : Outcome.UPDATED;
            }
            results.add(new Result(spec.name(), outcome, notes));
        }
        if (!alterations.isEmpty()) {
            cluster.await(cluster.admin().incrementalAlterConfigs(alterations).all(), "alter topic configs");
        }
        return results;
    }

    static Map<String, String> desiredConfig(TopicSpec spec, Settings settings) {
        return Map.of(
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(spec.retention().toMillis()),
                TopicConfig.CLEANUP_POLICY_CONFIG, spec.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT
                        : TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(settings.minInsyncReplicas()));
    }

    public static String summary(List<Result> results) {
        return results.stream().collect(Collectors.groupingBy(Result::outcome, Collectors.counting()))
                .entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase().replace('_', ' '))
                .collect(Collectors.joining(", "));
    }
}
