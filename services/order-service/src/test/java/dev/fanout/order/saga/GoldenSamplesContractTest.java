package dev.fanout.order.saga;

import static dev.fanout.order.support.Orders.customer;
import static dev.fanout.order.support.Orders.place;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.fanout.events.CloudEventHeaders;
import dev.fanout.events.EventType;
import dev.fanout.events.EventTypes;
import dev.fanout.events.golden.GoldenSamples;
import dev.fanout.events.golden.GoldenSamples.Sample;
import dev.fanout.testing.EventPublisher;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Consumer-side contract: every golden sample of what order-service reads (the bodies billing and fulfilment ever
 * wrote) is read and applied. Each sample is published byte for byte under a fresh order of ours.
 */
@QuarkusTest
class GoldenSamplesContractTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void everySampleOfEveryTypeWeConsumeIsApplied() {
        List<EventType<?>> consumed = List.of(EventTypes.PAYMENT_AUTHORIZED, EventTypes.PAYMENT_DECLINED,
                EventTypes.STOCK_RESERVED, EventTypes.STOCK_REJECTED);
        try (EventPublisher publisher = new EventPublisher(bootstrap)) {
            for (EventType<?> type : consumed) {
                List<Sample> samples = GoldenSamples.of(type);
                assertThat(samples).as("golden samples of %s", type.type()).isNotEmpty();
                for (Sample sample : samples) {
                    String order = place(customer());
                    publish(publisher, type, order, sample.json());
                    String field = type.topic().equals("payments.v1") ? "payment.status" : "stock.status";
                    Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                            given().get("/orders/{id}", order).then().extract().<String>path(field))
                            .as("%s applied", sample).isNotEqualTo("PENDING"));
                }
            }
            // a shipment applies to a confirmed order: confirm one first, then the sample ships it
            for (Sample sample : GoldenSamples.of(EventTypes.SHIPMENT_DISPATCHED)) {
                String order = place(customer());
                for (EventType<?> answer : List.of(EventTypes.PAYMENT_AUTHORIZED, EventTypes.STOCK_RESERVED)) {
                    publish(publisher, answer, order, GoldenSamples.of(answer).get(0).json());
                }
                Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                        given().get("/orders/{id}", order).then().extract().<String>path("status"))
                        .isEqualTo("CONFIRMED"));
                publish(publisher, EventTypes.SHIPMENT_DISPATCHED, order, sample.json());
                Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                        given().get("/orders/{id}", order).then().extract().<String>path("status"))
                        .as("%s applied", sample).isEqualTo("SHIPPED"));
            }
        }
    }

    private static void publish(EventPublisher publisher, EventType<?> type, String order, String sampleJson) {
        String body = sampleJson.replaceAll("\"orderId\"\\s*:\\s*\"[^\"]+\"", "\"orderId\": \"" + order + "\"");
        publisher.publishRaw(type.topic(), order, body.getBytes(StandardCharsets.UTF_8),
                CloudEventHeaders.SPEC_VERSION, "1.0", CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.TYPE, type.type(), CloudEventHeaders.SOURCE, "/fanout/contract-test");
    }
}
