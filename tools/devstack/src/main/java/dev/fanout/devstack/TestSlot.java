package dev.fanout.devstack;

/**
 * Which test stack this process uses: {@code FANOUT_TEST_SLOT} unset or 0 is the default one (Kafka 19092, database
 * {@code fanout_test}, Redis database 1); slot n (1 to 4) shifts the broker ports by 10 n, the service ports by 100 n,
 * uses database {@code fanout_test_<n>} and Redis database 5 + n. Two checkouts (git worktrees) can then run their
 * test suites side by side without sharing a broker, tables or keys.
 */
final class TestSlot {

    static final String VARIABLE = "FANOUT_TEST_SLOT";
    private static final int MAX = 4;

    private TestSlot() {
    }

    static int number() {
        String value = System.getProperty("fanout.test.slot", System.getenv(VARIABLE));
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            int slot = Integer.parseInt(value.trim());
            if (slot >= 0 && slot <= MAX) {
                return slot;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(VARIABLE + " must be a number from 0 to " + MAX + ", got '" + value + "'");
    }

    static String suffixed(String database) {
        return number() == 0 ? database : database + "_" + number();
    }

    static int redisDatabase() {
        return number() == 0 ? 1 : 5 + number();
    }
}
