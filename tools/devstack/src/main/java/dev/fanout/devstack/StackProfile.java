package dev.fanout.devstack;

/**
 * One local stack: {@code dev} is what {@code ./fanout up} runs, {@code test} is what the test suite talks to.
 * They use different broker ports, databases and Redis databases, so tests can run while the dev stack is up.
 * {@code startup} is the quiet stack that {@code src-native/measure-startup.sh} times services against (and that the
 * opt-in AOT training, {@code -Paot}, runs on), so a measurement never shares a broker with a test run.
 * {@code FANOUT_TEST_SLOT} (1 to 4) moves the test stack to ports, a database and a Redis database of its own, so two
 * checkouts of the project can run their tests at the same time ({@link TestSlot}).
 */
public enum StackProfile {

    DEV("dev", 9092, 9093, "fanout", 0, 8080),
    TEST("test", 19092 + 10 * TestSlot.number(), 19093 + 10 * TestSlot.number(), TestSlot.suffixed("fanout_test"),
            TestSlot.redisDatabase(), 18080 + 100 * TestSlot.number()),
    STARTUP("startup", 29092, 29093, "fanout_startup", 5, 28080);

    public static final String HOST = "127.0.0.1";
    public static final int POSTGRES_PORT = 5432;
    public static final int REDIS_PORT = 6379;
    public static final String POSTGRES_USER = "postgres";

    private final String id;
    private final int kafkaPort;
    private final int controllerPort;
    private final String database;
    private final int redisDatabase;
    private final int firstServicePort;

    StackProfile(String id, int kafkaPort, int controllerPort, String database, int redisDatabase,
            int firstServicePort) {
        this.id = id;
        this.kafkaPort = kafkaPort;
        this.controllerPort = controllerPort;
        this.database = database;
        this.redisDatabase = redisDatabase;
        this.firstServicePort = firstServicePort;
    }

    public static StackProfile of(String id) {
        for (StackProfile p : values()) {
            if (p.id.equalsIgnoreCase(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown stack profile '" + id + "' (dev, test or startup)");
    }

    public String id() {
        return id;
    }

    public int kafkaPort() {
        return kafkaPort;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public String kafkaBootstrap() {
        return HOST + ":" + kafkaPort;
    }

    public String database() {
        return database;
    }

    public int redisDatabase() {
        return redisDatabase;
    }

    public int firstServicePort() {
        return firstServicePort;
    }

    public String reactiveDatasourceUrl() {
        return "postgresql://" + HOST + ":" + POSTGRES_PORT + "/" + database;
    }

    public String jdbcDatasourceUrl() {
        return "jdbc:postgresql://" + HOST + ":" + POSTGRES_PORT + "/" + database;
    }

    public String redisUrl() {
        return "redis://" + HOST + ":" + REDIS_PORT + "/" + redisDatabase;
    }
}
