package dev.fanout.kit.health;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Kafka reachable, answered within a few seconds. (Quarkus' own Kafka check waits for the admin client's default
 * 60 s timeout, which turns a broker outage into a hanging readiness probe.)
 */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements AsyncHealthCheck {

    static final String NAME = "kafka";
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final Map<String, Object> kafkaConfig;
    private volatile Admin admin;

    public KafkaReadiness(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.kafkaConfig = kafkaConfig;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom().completionStage(() -> admin()
                .describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis())).nodes()
                .toCompletionStage())
                .ifNoItem().after(TIMEOUT.plusSeconds(1)).fail()
                .map(nodes -> HealthCheckResponse.named(NAME).up()
                        .withData("brokers", nodes.stream().map(n -> n.host() + ":" + n.port())
                                .collect(Collectors.joining(",")))
                        .build())
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named(NAME).down()
                        .withData("bootstrap", String.valueOf(kafkaConfig.get("bootstrap.servers")))
                        .withData("reason", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                        .build());
    }

    private Admin admin() {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    Map<String, Object> config = new HashMap<>();
                    kafkaConfig.forEach((key, value) -> {
                        if (AdminClientConfig.configNames().contains(key)) {
                            config.put(key, value);
                        }
                    });
                    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "readiness-" + config.getOrDefault(
                            AdminClientConfig.CLIENT_ID_CONFIG, "fanout"));
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
