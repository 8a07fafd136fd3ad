package dev.fanout.order.startup;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.fanout.testing.StartupStack;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;

/**
 * The packaged order-service starts, reports ready and answers a real request. Runs only in the opt-in {@code aot}
 * profile ({@code JAVA_HOME=<JDK 25> ./mvnw -Paot verify}), where this run is also the training run of the JDK 25
 * AOT cache (Quarkus writes {@code target/quarkus-app/app.aot} when the launched application exits). It runs on
 * the {@code startup} stack (Kafka 29092, database fanout_startup, Redis db 5), never on the test stack; see
 * docs/startup.md. The profile compiles nothing but the *StartupIT classes, so the module's global test stack
 * resource (support/TestInfrastructure) is not there to start the test stack; Quarkus only records an AOT cache for
 * tests without a test profile.
 */
@QuarkusIntegrationTest
@WithTestResource(value = StartupStack.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class OrderStartupIT {

    @Test
    void isReady() {
        given().when().get("/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void takesAnOrderAndReadsItBack() {
        String id = given().contentType(ContentType.JSON)
                .body("""
                        {"customerId": "startup-%s", "currency": "GBP", "lines": [
                          {"sku": "BOOK-0001", "quantity": 2, "unitPrice": 12.50}]}
                        """.formatted(UUID.randomUUID().toString().substring(0, 8)))
                .when().post("/orders")
                .then().statusCode(201).extract().path("id");
        given().when().get("/orders/{id}", id)
                .then().statusCode(200).body("id", equalTo(id));
    }
}
