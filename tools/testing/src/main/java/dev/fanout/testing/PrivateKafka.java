package dev.fanout.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.AdminClientConfig;

import dev.fanout.devstack.KafkaBroker;
import dev.fanout.devstack.ProjectLayout;
import dev.fanout.events.TopicCatalog;
import dev.fanout.ops.cluster.Cluster;
import dev.fanout.ops.topics.TopicProvisioner;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A broker of the test's own, which the test may stop and start (an outage) without disturbing any other test.
 * Use it from a test profile that disables the global test resources; everything but Kafka comes from the test
 * stack.
 */
public class PrivateKafka implements QuarkusTestResourceLifecycleManager {

    private static KafkaBroker broker;

    public static KafkaBroker broker() {
        return broker;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(FanoutTestInfra.config());
        ProjectLayout layout = ProjectLayout.find();
        try {
            Path home = Files.createTempDirectory("fanout-private-kafka");
            broker = KafkaBroker.privateBroker(layout, "private-kafka", freePort(), freePort(), home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        broker.start(Duration.ofSeconds(60));
        createTopics(broker.bootstrap());
        config.put("kafka.bootstrap.servers", broker.bootstrap());
        return config;
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.stop();
        }
    }

    static void createTopics(String bootstrap) {
        Map<String, Object> admin = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        try (Cluster cluster = Cluster.connect(admin, bootstrap, 15)) {
            new TopicProvisioner(cluster).apply(TopicCatalog.all(), TopicProvisioner.Settings.forBrokers(1, false));
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
