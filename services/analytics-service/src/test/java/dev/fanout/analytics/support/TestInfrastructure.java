package dev.fanout.analytics.support;

import dev.fanout.testing.FanoutTestInfra;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Every {@code @QuarkusTest} of this module runs against the real test stack (Kafka, PostgreSQL, Redis), unless its
 * profile brings infrastructure of its own, and under a generation of its own ({@link TestGeneration}): a fresh
 * consumer group, fresh Redis keys.
 */
@WithTestResource(value = FanoutTestInfra.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestGeneration.class, scope = TestResourceScope.GLOBAL)
public final class TestInfrastructure {

    private TestInfrastructure() {
    }
}
