package dev.fanout.system.faults;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.fanout.events.CloudEventHeaders;
import dev.fanout.events.Topics;
import dev.fanout.testing.EventPublisher;

/**
 * Three kinds of poison per topic: bytes that are not JSON, an event type nobody knows, and valid JSON of a known
 * type that breaks its contract (an order without lines, a reservation of 0 units, ...).
 */
final class Poison {

    /** A known type of each topic and a body of it that breaks the contract. */
    private static final Map<String, String[]> RULE_BREAKERS = Map.of(
            Topics.ORDERS, new String[] { "fanout.order.placed.v1", "{\"orderId\":\"%s\",\"customerId\":\"c\","
                    + "\"currency\":\"GBP\",\"lines\":[],\"total\":1,\"placedAt\":\"2026-11-26T10:00:00Z\"}" },
            Topics.PAYMENTS, new String[] { "fanout.payment.authorized.v1", "{\"orderId\":\"%s\",\"currency\":\"GBP\","
                    + "\"amount\":1,\"authorizedAt\":\"2026-11-26T10:00:00Z\"}" },
            Topics.INVENTORY, new String[] { "fanout.stock.reserved.v1", "{\"orderId\":\"%s\",\"items\":"
                    + "[{\"sku\":\"A\",\"quantity\":0}],\"reservedAt\":\"2026-11-26T10:00:00Z\"}" },
            Topics.SHIPMENTS, new String[] { "fanout.shipment.dispatched.v1", "{\"orderId\":\"%s\",\"items\":[],"
                    + "\"dispatchedAt\":\"2026-11-26T10:00:00Z\"}" },
            Topics.NOTIFICATIONS, new String[] { "fanout.notification.sent.v1", "{\"orderId\":\"%s\","
                    + "\"notificationId\":\"n\",\"about\":\"x\",\"sentAt\":\"2026-11-26T10:00:00Z\"}" });

    private Poison() {
    }

    /** Publishes the three poison records on {@code topic}; returns their keys. */
    static List<String> publishOn(EventPublisher publisher, String topic) {
        String[] breaker = RULE_BREAKERS.get(topic);
        String domain = breaker[0].split("\\.")[1];
        String bytesKey = UUID.randomUUID().toString();
        String unknownKey = UUID.randomUUID().toString();
        String brokenKey = UUID.randomUUID().toString();
        publisher.publishRaw(topic, bytesKey, new byte[] { 0x00, (byte) 0xff, 0x13, 0x7b }, headers(breaker[0]));
        publisher.publishRaw(topic, unknownKey, "{}".getBytes(StandardCharsets.UTF_8),
                headers("fanout." + domain + ".exploded.v9"));
        publisher.publishRaw(topic, brokenKey, breaker[1].formatted(brokenKey).getBytes(StandardCharsets.UTF_8),
                headers(breaker[0]));
        return List.of(bytesKey, unknownKey, brokenKey);
    }

    private static String[] headers(String type) {
        return new String[] { CloudEventHeaders.SPEC_VERSION, "1.0", CloudEventHeaders.ID,
                UUID.randomUUID().toString(), CloudEventHeaders.TYPE, type, CloudEventHeaders.SOURCE,
                "/fanout/fault-suite", CloudEventHeaders.TIME, Instant.now().toString() };
    }
}
