package dev.fanout.ops.cluster;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.KafkaFuture;

/** An open AdminClient with errors that say what to check, not a stack trace. */
public final class Cluster implements AutoCloseable {

    private final Admin admin;
    private final String bootstrap;
    private final int timeoutSeconds;

    private Cluster(Admin admin, String bootstrap, int timeoutSeconds) {
        this.admin = admin;
        this.bootstrap = bootstrap;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** Connects and proves the cluster answers, or fails with {@link ClusterException}. */
    public static Cluster connect(ClusterOptions options) {
        return connect(options.clientConfig(), options.bootstrap(), options.timeoutSeconds());
    }

    public static Cluster connect(Map<String, Object> clientConfig, String bootstrap, int timeoutSeconds) {
        Admin admin;
        try {
            admin = Admin.create(clientConfig);
        } catch (RuntimeException e) {
            String reason = e.getCause() == null ? e.getMessage() : e.getMessage() + ": " + e.getCause().getMessage();
            throw new ClusterException("cannot create a Kafka client for " + bootstrap + ": " + reason
                    + (String.valueOf(clientConfig.get("sasl.mechanism")).equals("AWS_MSK_IAM")
                            ? " (is the aws-msk-iam-auth library on the classpath?)"
                            : ""));
        }
        Cluster cluster = new Cluster(admin, bootstrap, timeoutSeconds);
        try {
            cluster.brokers();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public Admin admin() {
        return admin;
    }

    public String bootstrap() {
        return bootstrap;
    }

    public Collection<Node> brokers() {
        return await(admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutSeconds * 1000)).nodes(),
                "describe the cluster");
    }

    /** Waits for an admin result; unreachable clusters and missing topics/groups become one clear line. */
    public <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(timeoutSeconds + 5L, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while trying to " + what);
        } catch (TimeoutException e) {
            throw unreachable(what);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw unreachable(what);
            }
            throw new ClusterException("could not " + what + " on " + bootstrap + ": " + cause.getMessage());
        }
    }

    private ClusterException unreachable(String what) {
        return new ClusterException("cannot reach Kafka at " + bootstrap + " (tried to " + what + " for "
                + timeoutSeconds + " s): is the broker running, is --bootstrap right, do --iam/--command-config "
                + "match the listener?");
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(2));
    }
}
