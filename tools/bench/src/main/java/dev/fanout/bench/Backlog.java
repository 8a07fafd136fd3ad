package dev.fanout.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import dev.fanout.events.TopicCatalog;
import dev.fanout.ops.lag.GroupOffsets;

/**
 * Where the work stands: the consumer lag of the services' groups (AdminClient: committed offsets against the end of
 * each partition, like {@code ./fanout lag}) and how many of a set of orders are terminal (PostgreSQL).
 */
final class Backlog implements AutoCloseable {

    static final Set<String> TERMINAL = Set.of("SHIPPED", "REJECTED");

    private final Admin admin;
    private final Connection db;

    Backlog(String bootstrap, String jdbcUrl, String user) throws SQLException {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "fanout-bench");
        this.admin = Admin.create(config);
        this.db = DriverManager.getConnection(jdbcUrl, user, "");
    }

    Connection db() {
        return db;
    }

    /** Lag per consumer group (sum over its partitions), for groups of Fanout services. */
    Map<String, Long> lagByGroup(Collection<String> groups) throws Exception {
        Map<String, Long> result = new TreeMap<>();
        if (groups.isEmpty()) {
            return result;
        }
        Map<String, Map<TopicPartition, Long>> committed = new LinkedHashMap<>();
        Set<TopicPartition> all = new HashSet<>();
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(15, TimeUnit.SECONDS);
            Map<TopicPartition, Long> positions = new HashMap<>();
            offsets.forEach((tp, om) -> positions.put(tp, om == null ? -1L : om.offset()));
            // partitions of subscribed topics the group never committed count from their start
            Set<String> topics = TopicCatalog.SUBSCRIPTIONS.getOrDefault(GroupOffsets.serviceOf(group), Set.of());
            for (String topic : topics) {
                int partitions = partitionCount(topic);
                for (int p = 0; p < partitions; p++) {
                    positions.putIfAbsent(new TopicPartition(topic, p), -1L);
                }
            }
            committed.put(group, positions);
            all.addAll(positions.keySet());
        }
        Map<TopicPartition, Long> ends = offsets(all, OffsetSpec.latest());
        Map<TopicPartition, Long> starts = null;
        for (Map.Entry<String, Map<TopicPartition, Long>> g : committed.entrySet()) {
            long lag = 0;
            for (Map.Entry<TopicPartition, Long> e : g.getValue().entrySet()) {
                Long end = ends.get(e.getKey());
                if (end == null) {
                    continue;
                }
                long position = e.getValue();
                if (position < 0) {
                    if (starts == null) {
                        starts = offsets(all, OffsetSpec.earliest());
                    }
                    position = starts.getOrDefault(e.getKey(), end);
                }
                lag += Math.max(0, end - position);
            }
            result.put(g.getKey(), lag);
        }
        return result;
    }

    private final Map<String, Integer> partitionCounts = new HashMap<>();

    private int partitionCount(String topic) throws Exception {
        Integer known = partitionCounts.get(topic);
        if (known != null) {
            return known;
        }
        var descriptions = admin.describeTopics(List.of(topic)).allTopicNames().get(15, TimeUnit.SECONDS);
        int count = descriptions.get(topic).partitions().size();
        partitionCounts.put(topic, count);
        return count;
    }

    private Map<TopicPartition, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec) throws Exception {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> spec))).all()
                .get(15, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** The Fanout groups that have live members now (a generation of analytics counts, a dead old one does not). */
    List<String> liveGroups() throws Exception {
        Collection<ConsumerGroupListing> listings = admin.listConsumerGroups().all().get(15, TimeUnit.SECONDS);
        List<String> fanout = listings.stream().map(ConsumerGroupListing::groupId)
                .filter(g -> GroupOffsets.serviceOf(g) != null).sorted().toList();
        if (fanout.isEmpty()) {
            return List.of();
        }
        Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(fanout).all()
                .get(15, TimeUnit.SECONDS);
        return fanout.stream().filter(g -> !described.get(g).members().isEmpty()).toList();
    }

    long totalLag(Collection<String> groups) throws Exception {
        return lagByGroup(groups).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Orders by status, for the given ids. */
    Map<String, Long> statuses(Collection<UUID> ids) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        if (ids.isEmpty()) {
            return counts;
        }
        try (PreparedStatement st = db.prepareStatement(
                "SELECT status, count(*) FROM orders.customer_order WHERE id = ANY(?) GROUP BY status")) {
            Array array = db.createArrayOf("uuid", ids.toArray(new UUID[0]));
            st.setArray(1, array);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
            array.free();
        }
        return counts;
    }

    /** The ids of {@code ids} that are not SHIPPED or REJECTED (yet). */
    List<UUID> nonTerminal(Collection<UUID> ids) throws SQLException {
        List<UUID> open = new ArrayList<>();
        if (ids.isEmpty()) {
            return open;
        }
        try (PreparedStatement st = db.prepareStatement("SELECT id FROM orders.customer_order WHERE id = ANY(?) "
                + "AND status NOT IN ('SHIPPED', 'REJECTED')")) {
            Array array = db.createArrayOf("uuid", ids.toArray(new UUID[0]));
            st.setArray(1, array);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    open.add(rs.getObject(1, UUID.class));
                }
            }
            array.free();
        }
        return open;
    }

    static long terminal(Map<String, Long> statuses) {
        return statuses.entrySet().stream().filter(e -> TERMINAL.contains(e.getKey())).mapToLong(Map.Entry::getValue)
                .sum();
    }

    /** What waiting for a backlog to clear found; {@code stalled}: gave up early, nothing was moving any more. */
    record Drain(boolean done, Duration took, long terminal, long total, long lag, Map<String, Long> statuses,
            Map<String, Long> lagByGroup, boolean stalled) {
    }

    /** No consumer has anything left to read and no order moved for this long: waiting longer changes nothing. */
    static final Duration STALL = Duration.ofSeconds(30);

    /**
     * Polls until every order of {@code ids} is terminal and the lag of {@code groups} is at most {@code lagBound},
     * or {@code timeout} passed, or nothing moved for {@link #STALL} while no group had anything left to read
     * (orders whose events went to a dead-letter topic never complete by waiting).
     */
    Drain awaitDrained(Collection<UUID> ids, Collection<String> groups, long lagBound, Duration timeout,
            Duration every) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long lastProgress = start;
        long lastTerminal = -1;
        while (true) {
            Map<String, Long> statuses = statuses(ids);
            long terminalNow = terminal(statuses);
            boolean ordersDone = terminalNow == ids.size();
            Map<String, Long> lag = lagByGroup(groups);
            long totalLag = lag.values().stream().mapToLong(Long::longValue).sum();
            long now = System.nanoTime();
            if (ordersDone && totalLag <= lagBound) {
                return new Drain(true, Duration.ofNanos(now - start), ids.size(), ids.size(), totalLag, statuses,
                        lag, false);
            }
            if (terminalNow != lastTerminal || totalLag > lagBound) {
                lastTerminal = terminalNow;
                lastProgress = now;
            }
            boolean stalled = now - lastProgress >= STALL.toNanos();
            if (now >= deadline || stalled) {
                return new Drain(false, Duration.ofNanos(now - start), terminalNow, ids.size(), totalLag, statuses,
                        lag, stalled);
            }
            Thread.sleep(every.toMillis());
        }
    }

    // ------------------------------------------------------------------ dead letters

    /** A record that reached a dead-letter topic during the run. */
    record DeadLetter(String topic, String key, String eventType, String reason) {
    }

    /** The end offsets of every dead-letter topic of the catalog: what was there before the run. */
    Map<TopicPartition, Long> deadLetterEnds() throws Exception {
        Set<String> topics = TopicCatalog.deadLetterTopics().stream().map(t -> t.name())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
        topics.retainAll(existing);
        Set<TopicPartition> partitions = new HashSet<>();
        for (String topic : topics) {
            for (int p = 0; p < partitionCount(topic); p++) {
                partitions.add(new TopicPartition(topic, p));
            }
        }
        return offsets(partitions, OffsetSpec.latest());
    }

    /** The dead letters written since {@code before} (at most {@code limit}). */
    List<DeadLetter> deadLettersSince(Map<TopicPartition, Long> before, String bootstrap, int limit) throws Exception {
        Map<TopicPartition, Long> after = offsets(before.keySet(), OffsetSpec.latest());
        Map<TopicPartition, Long> wanted = new HashMap<>();
        after.forEach((tp, end) -> {
            if (end > before.getOrDefault(tp, 0L)) {
                wanted.put(tp, end);
            }
        });
        List<DeadLetter> letters = new ArrayList<>();
        if (wanted.isEmpty()) {
            return letters;
        }
        Map<String, Object> config = new HashMap<>();
        config.put(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(org.apache.kafka.clients.consumer.ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(org.apache.kafka.clients.consumer.ConsumerConfig.CLIENT_ID_CONFIG, "fanout-bench-dlq");
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(config,
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.assign(wanted.keySet());
            wanted.keySet().forEach(tp -> consumer.seek(tp, before.getOrDefault(tp, 0L)));
            Map<TopicPartition, Long> remaining = new HashMap<>(wanted);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!remaining.isEmpty() && letters.size() < limit && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= wanted.get(tp)) {
                        continue;
                    }
                    if (letters.size() < limit) {
                        letters.add(new DeadLetter(record.topic(), record.key(), header(record, "ce_type"),
                                header(record, dev.fanout.events.DeadLetterHeaders.REASON)));
                    }
                    if (record.offset() + 1 >= wanted.get(tp)) {
                        remaining.remove(tp);
                    }
                }
            }
        }
        return letters;
    }

    private static String header(org.apache.kafka.clients.consumer.ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null
                : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
        try {
            db.close();
        } catch (SQLException e) {
            // closing anyway
        }
    }
}
