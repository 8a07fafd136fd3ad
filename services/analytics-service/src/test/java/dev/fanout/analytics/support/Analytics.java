package dev.fanout.analytics.support;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.restassured.path.json.JsonPath;

/** The analytics API as tests read it. */
public final class Analytics {

    private Analytics() {
    }

    /** placed, confirmed, rejected, shipped in one minute of business time (zeros when nothing). */
    public static List<Long> minute(Instant minute) {
        JsonPath timeline = given().queryParam("from", minute.toString())
                .queryParam("to", minute.plusSeconds(60).toString())
                .get("/analytics/timeline").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> minutes = timeline.getList("minutes");
        if (minutes.isEmpty()) {
            return List.of(0L, 0L, 0L, 0L);
        }
        Map<String, Object> m = minutes.get(0);
        return List.of(number(m.get("placed")), number(m.get("confirmed")), number(m.get("rejected")),
                number(m.get("shipped")));
    }

    public static JsonPath summary(Integer generation) {
        var request = given();
        if (generation != null) {
            request.queryParam("generation", generation);
        }
        return request.get("/analytics/summary").then().statusCode(200).extract().jsonPath();
    }

    /**
     * The audit history of an order: its event types in order, empty when the trail has none. Other services running
     * on the shared broker may react to a test's orders: compare with {@link #audited} when that matters.
     */
    public static List<String> auditTypes(Object order) {
        var response = given().get("/audit/orders/{id}", order.toString()).then().extract();
        if (response.statusCode() == 404) {
            return List.of();
        }
        return response.jsonPath().getList("events.type");
    }

    /** The ids of the audited events of an order, in the trail's order, that are among {@code mine}. */
    public static List<String> audited(Object order, java.util.Collection<java.util.UUID> mine) {
        var response = given().get("/audit/orders/{id}", order.toString()).then().extract();
        if (response.statusCode() == 404) {
            return List.of();
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        mine.forEach(id -> ids.add(id.toString()));
        return response.jsonPath().getList("events.eventId", String.class).stream().filter(ids::contains).toList();
    }

    public static List<String> ids(java.util.UUID... ids) {
        return java.util.Arrays.stream(ids).map(java.util.UUID::toString).toList();
    }

    public static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
