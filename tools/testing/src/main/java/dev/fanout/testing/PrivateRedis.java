package dev.fanout.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import redis.embedded.RedisServer;

/**
 * A Redis server of the test's own (a real redis-server binary), which the test may stop and start to see the
 * service cope with a Redis outage. Everything else comes from the test stack.
 */
public class PrivateRedis implements QuarkusTestResourceLifecycleManager {

    private static RedisServer server;
    private static int port;

    public static void stopServer() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void startServer() {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(FanoutTestInfra.config());
        port = PrivateKafka.freePort();
        try {
            server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"")
                    .setting("appendonly no").build();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config.put("quarkus.redis.hosts", "redis://127.0.0.1:" + port);
        return config;
    }

    @Override
    public void stop() {
        if (server != null && server.isActive()) {
            stopServer();
        }
    }
}
