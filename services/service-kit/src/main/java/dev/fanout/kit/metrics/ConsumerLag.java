package dev.fanout.kit.metrics;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;

/**
 * {@code fanout_consumer_lag{group,topic,partition}}: how far this service's consumer group is behind each partition
 * it has committed on, from the committed offsets (what survives a restart), not a consumer's in-memory position.
 * Every instance reports the same numbers: aggregate with {@code max by (group, topic, partition)}.
 */
@ApplicationScoped
public class ConsumerLag {

    private static final Logger LOG = Logger.getLogger(ConsumerLag.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Map<String, Object> kafkaConfig;
    private final MeterRegistry registry;
    private final String group;
    private final Map<TopicPartition, AtomicLong> lags = new ConcurrentHashMap<>();
    private volatile Admin admin;

    public ConsumerLag(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, MeterRegistry registry,
            @ConfigProperty(name = "mp.messaging.connector.smallrye-kafka.group.id") String group) {
        this.kafkaConfig = kafkaConfig;
        this.registry = registry;
        this.group = group;
    }

    @Scheduled(every = "${fanout.metrics.lag-interval:15s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void measure() {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            committed.values().removeIf(java.util.Objects::isNull);
            if (committed.isEmpty()) {
                return;
            }
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin().listOffsets(committed.keySet().stream()
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                    .all().get(TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            ends.forEach((tp, end) -> lags.computeIfAbsent(tp, this::register)
                    .set(Math.max(0, end.offset() - committed.get(tp).offset())));
        } catch (Exception e) {
            // no broker, no answer: keep the last values; readiness and the outbox say Kafka is away
            LOG.debugf("consumer lag of %s not measured: %s", group, e.getMessage());
        }
    }

    private AtomicLong register(TopicPartition tp) {
        AtomicLong lag = new AtomicLong();
        Gauge.builder("fanout.consumer.lag", lag, AtomicLong::get)
                .description("Records of the partition not yet committed by this service's consumer group")
                .tags(Tags.of("group", group, "topic", tp.topic(), "partition", Integer.toString(tp.partition())))
                .register(registry);
        return lag;
    }

    Set<TopicPartition> measured() {
        return lags.keySet();
    }

    private Admin admin() {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    Map<String, Object> config = new HashMap<>();
                    kafkaConfig.forEach((k, v) -> {
                        if (AdminClientConfig.configNames().contains(k)) {
                            config.put(k, v);
                        }
                    });
                    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "lag-" + group);
                    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
                    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
                    admin = Admin.create(config);
                }
            }
        }
        return admin;
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }
}
