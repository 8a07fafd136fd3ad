package dev.fanout.analytics.audit;

import static dev.fanout.analytics.support.Analytics.auditTypes;
import static dev.fanout.analytics.support.Analytics.audited;
import static dev.fanout.analytics.support.Analytics.ids;
import static dev.fanout.analytics.support.TestGeneration.TIMEOUT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.fanout.analytics.support.Events;
import dev.fanout.analytics.support.Publisher;
import dev.fanout.events.EventJson;
import dev.fanout.events.EventTypes;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The audit trail: every event of an order, from every service, once, in the order things happened. */
@QuarkusTest
class AuditTrailTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    AgroalDataSource database;
    @Inject
    AuditRetention retention;

    Publisher publisher;

    @BeforeEach
    void connect() {
        publisher = new Publisher(bootstrap);
    }

    @AfterEach
    void disconnect() {
        publisher.close();
    }

    @Test
    void anOrdersHistoryAcrossEveryTopicComesInEventTimeOrderOnce() throws Exception {
        UUID order = UUID.randomUUID();
        Instant t0 = Instant.parse("2026-11-26T09:00:00Z");
        String sku = Events.privateSku();
        var placed = Events.placed(order, "GBP", t0, Events.line(sku, 2, "5.00"));
        UUID placedId = UUID.randomUUID();
        UUID authorized = UUID.randomUUID();
        UUID reserved = UUID.randomUUID();
        UUID confirmed = UUID.randomUUID();
        UUID notified = UUID.randomUUID();
        UUID dispatched = UUID.randomUUID();
        UUID rejected = UUID.randomUUID();
        // published in an order that has nothing to do with when things happened, over five topics
        publisher.publishAt(EventTypes.SHIPMENT_DISPATCHED, order, Events.dispatched(order, sku, 2,
                t0.plusSeconds(600)), dispatched, t0.plusSeconds(600));
        publisher.publishAt(EventTypes.NOTIFICATION_SENT, order, Events.sent(order, "EMAIL", t0.plusSeconds(3)),
                notified, t0.plusSeconds(3));
        publisher.publishAt(EventTypes.ORDER_PLACED, order, placed, placedId, t0);
        publisher.publishAt(EventTypes.ORDER_CONFIRMED, order, Events.confirmed(order, "GBP", "10.00", t0,
                t0.plusSeconds(2)), confirmed, t0.plusSeconds(2));
        publisher.publishAt(EventTypes.STOCK_RESERVED, order, Events.reserved(order, sku, 2, t0.plusMillis(1500)),
                reserved, t0.plusMillis(1500));
        publisher.publishAt(EventTypes.PAYMENT_AUTHORIZED, order, Events.authorized(order, "GBP", "10.00",
                t0.plusSeconds(1)), authorized, t0.plusSeconds(1));
        // the placement again, same event id: a redelivery; then one more event behind it on the same partition
        publisher.publishAt(EventTypes.ORDER_PLACED, order, placed, placedId, t0);
        publisher.publishAt(EventTypes.ORDER_REJECTED, order, Events.rejected(order, "stock", "TEST_AUDIT", t0,
                t0.plusSeconds(700)), rejected, t0.plusSeconds(700));

        List<UUID> mine = List.of(placedId, authorized, reserved, confirmed, notified, dispatched, rejected);
        Awaitility.await().atMost(TIMEOUT).until(() -> audited(order, mine).size() == 7);

        // (services running on the shared broker may have reacted to this order too: only ours are compared)
        assertThat(audited(order, mine)).isEqualTo(ids(placedId, authorized, reserved, confirmed, notified,
                dispatched, rejected));
        JsonPath history = given().get("/audit/orders/{id}", order).then().statusCode(200)
                .contentType("application/json").extract().jsonPath();
        assertThat(history.getString("orderId")).isEqualTo(order.toString());
        assertThat(history.getBoolean("truncated")).isFalse();
        assertThat(history.getInt("count")).isEqualTo(history.getList("events").size());
        List<Map<String, Object>> events = history.<Map<String, Object>>getList("events").stream()
                .filter(e -> mine.contains(UUID.fromString((String) e.get("eventId")))).toList();
        assertThat(events).extracting(e -> e.get("type")).containsExactly(
                EventTypes.ORDER_PLACED.type(), EventTypes.PAYMENT_AUTHORIZED.type(),
                EventTypes.STOCK_RESERVED.type(), EventTypes.ORDER_CONFIRMED.type(),
                EventTypes.NOTIFICATION_SENT.type(), EventTypes.SHIPMENT_DISPATCHED.type(),
                EventTypes.ORDER_REJECTED.type());
        assertThat(events).extracting(e -> e.get("topic")).containsExactly("orders.v1", "payments.v1",
                "inventory.v1", "orders.v1", "notifications.v1", "shipments.v1", "orders.v1");
        Map<String, Object> first = events.get(0);
        assertThat(first).containsEntry("eventId", placedId.toString()).containsEntry("source", "/fanout/tests")
                .containsEntry("subject", order.toString()).containsEntry("key", order.toString())
                .containsEntry("time", "2026-11-26T09:00:00Z").containsKeys("partition", "offset", "recordedAt");
        // the body as it arrived: a JSON object, not a string holding one (read with Jackson: exact decimals)
        JsonNode raw = EventJson.mapper().readTree(given().get("/audit/orders/{id}", order).then().extract()
                .asString());
        JsonNode payload = null;
        for (JsonNode event : raw.get("events")) {
            if (event.get("eventId").asText().equals(placedId.toString())) {
                payload = event.get("payload");
            }
        }
        assertThat(payload).isNotNull();
        assertThat(payload.isObject()).isTrue();
        assertThat(payload).isEqualTo(EventJson.mapper().readTree(EventJson.encode(placed)));
        assertThat(count("SELECT count(*) FROM analytics.audit_event WHERE event_id = ?", placedId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM analytics.audit_event WHERE event_id = ? "
                + "AND jsonb_typeof(payload) = 'object' AND payload->>'orderId' = ?", placedId, order.toString()))
                .isEqualTo(1);
    }

    @Test
    void unknownAndMalformedOrderIdsAreProblems() {
        given().get("/audit/orders/{id}", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:fanout:problem:not-found"))
                .body("detail", startsWith("no event about order"));
        given().get("/audit/orders/{id}", "not-a-uuid").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("'id' must be a UUID, got 'not-a-uuid'"));
    }

    @Test
    void theTrailIsAppendOnlyAndOldEventsGoByRetention() throws Exception {
        UUID oldOrder = UUID.randomUUID();
        UUID recentOrder = UUID.randomUUID();
        UUID old = insert(oldOrder, Instant.now().minus(Duration.ofDays(120)));
        UUID recent = insert(recentOrder, Instant.now().minus(Duration.ofDays(10)));

        assertThatThrownBy(() -> update("UPDATE analytics.audit_event SET event_type = 'x' WHERE event_id = ?", old))
                .hasMessageContaining("append-only");

        long deleted = retention.purgeOlderThan(Instant.now().minus(Duration.ofDays(90)))
                .await().atMost(Duration.ofSeconds(60));

        assertThat(deleted).isGreaterThanOrEqualTo(1);
        assertThat(count("SELECT count(*) FROM analytics.audit_event WHERE event_id = ?", old)).isZero();
        assertThat(count("SELECT count(*) FROM analytics.audit_event WHERE event_id = ?", recent)).isEqualTo(1);
        assertThat(auditTypes(recentOrder)).containsExactly("fanout.test.audit.v1");
        assertThat(auditTypes(oldOrder)).isEmpty();
    }

    private UUID insert(UUID order, Instant recordedAt) throws SQLException {
        UUID id = UUID.randomUUID();
        update("INSERT INTO analytics.audit_event (event_id, event_type, order_id, topic, kafka_partition, "
                + "kafka_offset, event_time, recorded_at, payload) VALUES (?, 'fanout.test.audit.v1', ?, 'orders.v1', "
                + "0, 0, ?, ?, '{}'::jsonb)", id, order, java.sql.Timestamp.from(recordedAt),
                java.sql.Timestamp.from(recordedAt));
        return id;
    }

    private void update(String sql, Object... params) throws SQLException {
        try (Connection c = database.getConnection(); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.executeUpdate();
        }
    }

    private long count(String sql, Object... params) throws SQLException {
        try (Connection c = database.getConnection(); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
