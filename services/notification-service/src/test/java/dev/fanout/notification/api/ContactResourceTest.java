package dev.fanout.notification.api;

import static dev.fanout.notification.support.Orders.newCustomer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ContactResourceTest {

    @Test
    void aCustomerWithNothingStoredGetsTheDefaults() {
        String customer = newCustomer();
        given().get("/customers/{id}/contact", customer).then().statusCode(200)
                .body("customerId", equalTo(customer))
                .body("source", equalTo("default"))
                .body("email", nullValue())
                .body("phone", nullValue())
                .body("emailOptOut", equalTo(false))
                .body("smsOptOut", equalTo(false))
                .body("emailTo", equalTo(customer + "@customers.fanout.example"))
                .body("smsTo", nullValue());
    }

    @Test
    void putReplacesThePreferencesAndGetShowsWhatTheyMean() {
        String customer = newCustomer();
        given().contentType("application/json")
                .body("{\"email\": \"ada@example.com\", \"phone\": \"+447700900123\", \"smsOptOut\": true}")
                .put("/customers/{id}/contact", customer).then().statusCode(200)
                .body("source", equalTo("stored"))
                .body("email", equalTo("ada@example.com"))
                .body("phone", equalTo("+447700900123"))
                .body("smsOptOut", equalTo(true))
                .body("emailTo", equalTo("ada@example.com"))
                .body("smsTo", nullValue())
                .body("updatedAt", notNullValue());
        given().get("/customers/{id}/contact", customer).then().statusCode(200)
                .body("source", equalTo("stored")).body("emailTo", equalTo("ada@example.com"))
                .body("smsTo", nullValue());

        // a PUT is the whole set: what is left out is cleared
        given().contentType("application/json").body("{\"phone\": \"+447700900123\", \"emailOptOut\": true}")
                .put("/customers/{id}/contact", customer).then().statusCode(200);
        given().get("/customers/{id}/contact", customer).then().statusCode(200)
                .body("email", nullValue()).body("emailOptOut", equalTo(true)).body("emailTo", nullValue())
                .body("smsOptOut", equalTo(false)).body("smsTo", equalTo("+447700900123"));
    }

    @Test
    void invalidAddressesAndNumbersAreUnprocessableWithTheirFields() {
        given().contentType("application/json")
                .body("{\"email\": \"not an address\", \"phone\": \"07700 900123\"}")
                .put("/customers/{id}/contact", newCustomer()).then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:fanout:problem:validation"))
                .body("errors.field", containsInAnyOrder("email", "phone"));
        given().contentType("application/json")
                .body("{\"email\": \"a@b.example\\r\\nBcc: someone@else.example\"}")
                .put("/customers/{id}/contact", newCustomer()).then().statusCode(422)
                .body("errors[0].field", equalTo("email"));
    }

    @Test
    void malformedRequestsAreProblems() {
        String customer = newCustomer();
        given().contentType("application/json").body("{\"email\": \"a@b.example\", \"fax\": \"123\"}")
                .put("/customers/{id}/contact", customer).then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", startsWith("unknown field 'fax'"));
        given().contentType("application/json").body("{\"email\": ")
                .put("/customers/{id}/contact", customer).then().statusCode(400)
                .contentType("application/problem+json");
        given().contentType("application/json").put("/customers/{id}/contact", customer).then().statusCode(400)
                .contentType("application/problem+json");
        given().contentType("text/plain").body("email=a@b.example").put("/customers/{id}/contact", customer).then()
                .statusCode(415).contentType("application/problem+json");
        given().contentType("application/json").body("{\"emailOptOut\": \"maybe\"}")
                .put("/customers/{id}/contact", customer).then().statusCode(400);
        given().get("/customers/{id}/contact", "has space").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", startsWith("a customer id is 1 to 64 letters"));
        given().get("/customers/{id}/contact", "c".repeat(65)).then().statusCode(400);
    }
}
