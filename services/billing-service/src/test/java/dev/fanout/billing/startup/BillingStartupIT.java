package dev.fanout.billing.startup;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.fanout.testing.StartupStack;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The packaged billing-service starts, reports ready and answers a real request. Runs only in the opt-in {@code aot}
 * profile ({@code JAVA_HOME=<JDK 25> ./mvnw -Paot verify}), where this run is also the training run of the JDK 25
 * AOT cache (Quarkus writes {@code target/quarkus-app/app.aot} when the launched application exits). It runs on
 * the {@code startup} stack (Kafka 29092, database fanout_startup, Redis db 5), never on the test stack; see
 * docs/startup.md. The profile compiles nothing but the *StartupIT classes, so the module's global test stack
 * resource (support/TestInfrastructure) is not there to start the test stack; Quarkus only records an AOT cache for
 * tests without a test profile.
 */
@QuarkusIntegrationTest
@WithTestResource(value = StartupStack.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class BillingStartupIT {

    @Test
    void isReady() {
        given().when().get("/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readsPaymentsFromTheDatabase() {
        // an order billing never saw: a 404 problem, which needs the route, the database read and the mapper
        given().when().get("/payments/{orderId}", UUID.randomUUID().toString())
                .then().statusCode(404);
    }
}
