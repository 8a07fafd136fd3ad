package dev.fanout.notification.support;

import dev.fanout.testing.FanoutTestInfra;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Every {@code @QuarkusTest} of this module runs against the real test stack (Kafka, PostgreSQL). */
@WithTestResource(value = FanoutTestInfra.class, scope = TestResourceScope.GLOBAL)
public final class TestInfrastructure {

    private TestInfrastructure() {
    }
}
