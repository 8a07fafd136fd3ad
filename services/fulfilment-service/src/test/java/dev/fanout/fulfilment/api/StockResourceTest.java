package dev.fanout.fulfilment.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.fanout.fulfilment.support.StockStore;
import dev.fanout.fulfilment.support.StockStore.Levels;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class StockResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    StockStore store;

    @Test
    void theCatalogueIsSeededWithDeepAndScarceSkus() {
        List<Map<String, Object>> items = given().get("/stock").then().statusCode(200)
                .contentType(ContentType.JSON).extract().jsonPath().getList("$");

        assertThat(items).hasSizeGreaterThanOrEqualTo(40);
        assertThat(items).extracting(i -> (String) i.get("sku")).isSorted();
        for (Map<String, Object> item : items) {
            assertThat((int) item.get("available") + (int) item.get("reserved") + (int) item.get("shipped"))
                    .as((String) item.get("sku")).isEqualTo(item.get("initial"));
        }
        Map<String, Integer> initial = new java.util.HashMap<>();
        items.forEach(i -> initial.put((String) i.get("sku"), (Integer) i.get("initial")));
        assertThat(initial).containsEntry("BOOK-0001", 1_000_000).containsEntry("MUG-0042", 1_000_000)
                .containsEntry("LAMP-0007", 3);
        for (String family : List.of("BOOK", "MUG", "TEE")) {
            for (int i = 1; i <= 10; i++) {
                assertThat(initial).containsEntry("%s-%04d".formatted(family, i), 1_000_000);
            }
        }
        List<Map<String, Object>> limited = items.stream()
                .filter(i -> ((String) i.get("sku")).startsWith("LIMITED-")).toList();
        assertThat(limited).isNotEmpty().allSatisfy(i -> {
            assertThat((int) i.get("initial")).isBetween(1, 5);
            assertThat(i.get("category")).isEqualTo("limited");
        });
        assertThat(items).filteredOn(i -> !"test".equals(i.get("category")))
                .allSatisfy(i -> assertThat((String) i.get("name")).isNotBlank())
                .extracting(i -> (String) i.get("category")).contains("books", "mugs", "apparel", "lamps",
                        "kitchen", "electronics");
    }

    @Test
    void oneSku() {
        given().get("/stock/BOOK-0001").then().statusCode(200)
                .body("sku", equalTo("BOOK-0001"))
                .body("name", containsString("Designing Event-Driven Systems"))
                .body("category", equalTo("books"))
                .body("initial", equalTo(1_000_000));
    }

    @Test
    void anUnknownSkuIsNotFound() {
        given().get("/stock/NOPE-0001").then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo("urn:fanout:problem:not-found"))
                .body("detail", startsWith("no SKU NOPE-0001 in the catalogue"));
    }

    @Test
    void aMalformedSkuIsABadRequest() {
        given().get("/stock/{sku}", "-bad sku!").then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:fanout:problem:bad-request"))
                .body("detail", containsString("such as BOOK-0001"));
        given().get("/stock/{sku}", "A".repeat(65)).then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void aRestockAddsToAvailableAndInitial() {
        String sku = store.newSku("RESTOCK", 2);

        restock(sku, "{\"quantity\": 5}").statusCode(200)
                .body("sku", equalTo(sku)).body("available", equalTo(7)).body("initial", equalTo(7));

        assertThat(store.levels(sku)).isEqualTo(new Levels(7, 0, 0, 7));
        given().get("/stock/{sku}", sku).then().statusCode(200).body("available", equalTo(7));
    }

    @Test
    void aRestockMustSayHowMany() {
        String sku = store.newSku("RESTOCK", 2);

        restock(sku, "{\"quantity\": 0}").statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("urn:fanout:problem:validation"))
                .body("errors[0].field", equalTo("quantity"))
                .body("errors[0].message", equalTo("must be at least 1, got 0"));
        restock(sku, "{}").statusCode(422).body("errors[0].message", equalTo("is required"));
        restock(sku, "{\"quantity\": 1000001}").statusCode(422)
                .body("errors[0].message", equalTo("must be at most 1000000, got 1000001"));
        restock(sku, "{\"quantity\": \"many\"}").statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:fanout:problem:malformed-json"));
        restock(sku, "{\"quantity\": 1, \"note\": \"x\"}").statusCode(400).contentType(PROBLEM)
                .body("detail", startsWith("unknown field 'note'"));
        restock(sku, "{\"quantity\": ").statusCode(400).contentType(PROBLEM);
        given().contentType(ContentType.JSON).post("/stock/{sku}/restock", sku).then().statusCode(400)
                .contentType(PROBLEM);
        given().contentType(ContentType.TEXT).body("5").post("/stock/{sku}/restock", sku).then().statusCode(415)
                .contentType(PROBLEM);

        assertThat(store.levels(sku)).isEqualTo(new Levels(2, 0, 0, 2));
    }

    @Test
    void aRestockOfAnUnknownSkuIsNotFound() {
        restock("NOPE-0001", "{\"quantity\": 1}").statusCode(404).contentType(PROBLEM);
        restock("-bad", "{\"quantity\": 1}").statusCode(400).contentType(PROBLEM);
    }

    @Test
    void aSkuCannotHoldMoreThanAnIntOfUnits() {
        String sku = store.newSku("FULL", Integer.MAX_VALUE - 1);

        restock(sku, "{\"quantity\": 2}").statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("urn:fanout:problem:stock-limit"));

        assertThat(store.levels(sku).initial()).isEqualTo(Integer.MAX_VALUE - 1);
    }

    private static ValidatableResponse restock(String sku, String body) {
        return given().contentType(ContentType.JSON).body(body).post("/stock/{sku}/restock", sku).then();
    }
}
