package dev.fanout.order.read;

import static dev.fanout.order.support.Orders.customer;
import static dev.fanout.order.support.Orders.place;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class CustomerOrdersTest {

    @Test
    void listsACustomersOrdersMostRecentFirstInPages() {
        String customer = customer();
        String first = place(customer);
        String second = place(customer);
        String third = place(customer);

        given().get("/customers/{id}/orders?size=2", customer).then().statusCode(200)
                .header("X-Fanout-Read-Source", "database")
                .body("customerId", equalTo(customer))
                .body("totalOrders", equalTo(3))
                .body("orders.id", contains(third, second));
        given().get("/customers/{id}/orders?size=2&page=1", customer).then().statusCode(200)
                .header("X-Fanout-Read-Source", "cache")
                .body("orders.id", contains(first))
                .body("orders[0].status", equalTo("PENDING"));

        String fourth = place(customer);

        given().get("/customers/{id}/orders", customer).then().statusCode(200)
                .header("X-Fanout-Read-Source", "cache")
                .body("totalOrders", equalTo(4))
                .body("orders.id", contains(fourth, third, second, first));
    }

    @Test
    void aCustomerWithoutOrdersHasAnEmptyList() {
        given().get("/customers/{id}/orders", customer()).then().statusCode(200)
                .body("totalOrders", equalTo(0))
                .body("orders", empty());
    }

    @Test
    void badPagingIsABadRequestProblem() {
        given().get("/customers/{id}/orders?size=0", "c1").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("size must be"));
        given().get("/customers/{id}/orders?size=101", "c1").then().statusCode(400);
        given().get("/customers/{id}/orders?page=-1", "c1").then().statusCode(400);
        given().get("/customers/{id}/orders?page=x", "c1").then().statusCode(400)
                .body("detail", containsString("got 'x'"));
        given().get("/customers/{id}/orders", "bad id!").then().statusCode(400)
                .contentType("application/problem+json");
    }
}
