package dev.fanout.analytics.support;

import java.util.List;

import dev.fanout.testing.PrivateKafka;
import dev.fanout.testing.PrivateRedis;
import io.quarkus.test.junit.QuarkusTestProfile;

/** Test profiles that bring infrastructure of their own; each still runs under a generation of its own. */
public final class Profiles {

    private Profiles() {
    }

    /**
     * A Kafka broker of the test's own: its topics hold exactly what the test publishes, so every number of the
     * summary (totals included) can be compared with the known truth.
     */
    public static class PrivateBroker implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PrivateKafka.class), new TestResourceEntry(TestGeneration.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    /** A Redis server of the test's own, which the test stops and starts (an outage). */
    public static class OwnRedis implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PrivateRedis.class), new TestResourceEntry(TestGeneration.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }
}
