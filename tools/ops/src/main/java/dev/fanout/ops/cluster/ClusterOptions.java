package dev.fanout.ops.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;

import picocli.CommandLine.Option;

/**
 * How to reach a cluster: the same flags against the local stack and against MSK. Mixed into every command.
 */
public class ClusterOptions {

    static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";

    @Option(names = { "-b", "--bootstrap" }, paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers (default: $KAFKA_BOOTSTRAP_SERVERS, else " + DEFAULT_BOOTSTRAP + ")")
    String bootstrap;

    @Option(names = "--iam", description = "Amazon MSK IAM auth over TLS (port 9098); credentials from the default "
            + "AWS provider chain (task role, profile, environment)")
    boolean iam;

    @Option(names = "--command-config", paramLabel = "FILE",
            description = "extra Kafka client properties (TLS, SASL, ...), as for the Kafka CLI tools")
    Path commandConfig;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "15",
            description = "how long to wait for the cluster before giving up (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    public String bootstrap() {
        if (bootstrap != null && !bootstrap.isBlank()) {
            return bootstrap;
        }
        String env = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        return env == null || env.isBlank() ? DEFAULT_BOOTSTRAP : env;
    }

    public int timeoutSeconds() {
        return timeoutSeconds;
    }

    /** Client properties for an AdminClient (also the base for consumers and producers of the ops commands). */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutSeconds * 1000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutSeconds * 1000, 10_000));
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "fanout-ops");
        if (iam) {
            config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
            config.put("sasl.mechanism", "AWS_MSK_IAM");
            config.put("sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;");
            config.put("sasl.client.callback.handler.class",
                    "software.amazon.msk.auth.iam.IAMClientCallbackHandler");
        }
        if (commandConfig != null) {
            Properties extra = new Properties();
            try (InputStream in = Files.newInputStream(commandConfig)) {
                extra.load(in);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read --command-config " + commandConfig + ": " + e.getMessage());
            }
            extra.forEach((k, v) -> config.put((String) k, v));
        }
        return config;
    }
}
