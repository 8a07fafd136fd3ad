package dev.fanout.ops.lag;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import dev.fanout.events.TopicCatalog;
import dev.fanout.ops.cluster.Cluster;
import dev.fanout.ops.cluster.ClusterException;

/** Consumer groups of the platform: who they are, where they stand, what they subscribe to. */
public final class GroupOffsets {

    private final Cluster cluster;

    public GroupOffsets(Cluster cluster) {
        this.cluster = cluster;
    }

    /** Groups on the cluster that belong to a Fanout service ({@code billing-service}, {@code analytics-service-g2}). */
    public List<String> fanoutGroups() {
        Set<String> services = TopicCatalog.SUBSCRIPTIONS.keySet();
        return cluster.await(cluster.admin().listConsumerGroups().all(), "list consumer groups").stream()
                .map(g -> g.groupId()).filter(g -> serviceOf(g) != null).sorted().toList();
    }

    /** The service a group belongs to: its name, or the name followed by {@code -...} (rebuild generations). */
    public static String serviceOf(String group) {
        for (String service : TopicCatalog.SUBSCRIPTIONS.keySet()) {
            if (group.equals(service) || group.startsWith(service + "-")) {
                return service;
            }
        }
        return null;
    }

    /** The group of a service, or a clear error when there is none or several (then --group decides). */
    public String groupOf(String service, String explicit) {
        if (!TopicCatalog.SUBSCRIPTIONS.containsKey(service)) {
            throw new ClusterException("unknown service '" + service + "'; consumers: "
                    + TopicCatalog.SUBSCRIPTIONS.keySet());
        }
        if (explicit != null) {
            if (!fanoutGroups().contains(explicit)) {
                throw new ClusterException("no consumer group '" + explicit + "' on " + cluster.bootstrap());
            }
            return explicit;
        }
        List<String> groups = fanoutGroups().stream().filter(g -> service.equals(serviceOf(g))).toList();
        if (groups.isEmpty()) {
            throw new ClusterException("no consumer group of " + service + " on " + cluster.bootstrap()
                    + " (has it ever run against this cluster?)");
        }
        if (groups.size() > 1) {
            throw new ClusterException(service + " has several groups " + groups + ": pick one with --group");
        }
        return groups.get(0);
    }

    public ConsumerGroupDescription describe(String group) {
        return cluster.await(cluster.admin().describeConsumerGroups(List.of(group)).all(), "describe group " + group)
                .get(group);
    }

    /** Committed offsets of a group (partitions it never committed are absent). */
    public Map<TopicPartition, OffsetAndMetadata> committed(String group) {
        return cluster.await(cluster.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(),
                "read offsets of " + group);
    }

    /** Every partition of the topics the group's service subscribes to (plus any it has committed). */
    public List<TopicPartition> partitions(String group, Collection<TopicPartition> committed) {
        Set<String> topics = new TreeSet<>(TopicCatalog.SUBSCRIPTIONS.getOrDefault(serviceOf(group), Set.of()));
        committed.forEach(tp -> topics.add(tp.topic()));
        Set<String> existing = cluster.await(cluster.admin().listTopics().names(), "list topics");
        topics.retainAll(existing);
        List<TopicPartition> partitions = new ArrayList<>();
        cluster.await(cluster.admin().describeTopics(topics).allTopicNames(), "describe topics").forEach(
                (topic, description) -> description.partitions().forEach(
                        p -> partitions.add(new TopicPartition(topic, p.partition()))));
        partitions.sort((a, b) -> a.topic().equals(b.topic()) ? Integer.compare(a.partition(), b.partition())
                : a.topic().compareTo(b.topic()));
        return partitions;
    }

    public Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, ListOffsetsResultInfo> result = cluster.await(cluster.admin().listOffsets(
                partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> spec))).all(), "list offsets");
        return result.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
}
