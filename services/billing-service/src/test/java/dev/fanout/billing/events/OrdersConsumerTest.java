package dev.fanout.billing.events;

import static dev.fanout.billing.support.Orders.customer;
import static dev.fanout.billing.support.Orders.placed;
import static dev.fanout.billing.support.Orders.rejected;
import static dev.fanout.testing.KafkaProbe.header;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.fanout.billing.gateway.AuthorizationRequest;
import dev.fanout.billing.gateway.AuthorizationResult;
import dev.fanout.billing.gateway.PaymentGateway;
import dev.fanout.billing.support.BillingStore;
import dev.fanout.billing.support.BillingStore.PaymentRow;
import dev.fanout.billing.support.PaymentsTopic;
import dev.fanout.events.CloudEventHeaders;
import dev.fanout.events.DeadLetterHeaders;
import dev.fanout.events.EventJson;
import dev.fanout.events.EventTypes;
import dev.fanout.events.Topics;
import dev.fanout.events.order.OrderConfirmed;
import dev.fanout.events.order.OrderPlaced;
import dev.fanout.events.payment.PaymentAuthorized;
import dev.fanout.events.payment.PaymentDeclined;
import dev.fanout.events.payment.PaymentVoided;
import dev.fanout.testing.EventPublisher;
import dev.fanout.testing.KafkaProbe;
import io.quarkus.test.junit.QuarkusTest;

/**
 * billing-service against a real broker and database: orders.v1 events (published as order-service would) become
 * exactly one authorization, decline or void each, on payments.v1 and in the payment table, whatever is redelivered
 * or repeated; what cannot be processed lands in the dead-letter topic while the next event still flows.
 */
@QuarkusTest
class OrdersConsumerTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    BillingStore store;

    @Inject
    PaymentGateway gateway;

    EventPublisher publisher;
    KafkaProbe kafka;
    PaymentsTopic payments;

    @BeforeEach
    void connect() {
        publisher = new EventPublisher(bootstrap);
        kafka = new KafkaProbe(bootstrap);
        payments = new PaymentsTopic(kafka);
    }

    @AfterEach
    void disconnect() {
        publisher.close();
        kafka.close();
    }

    @Test
    void aPlacedOrderIsAuthorizedAndPublishedPerContract() throws Exception {
        OrderPlaced order = placed(customer(), "33.99");
        UUID id = order.orderId();

        publisher.publish(EventTypes.ORDER_PLACED, id, order);

        List<ConsumerRecord<String, String>> events = payments.eventsOf(id, 1);
        assertThat(events).hasSize(1);
        ConsumerRecord<String, String> record = events.get(0);
        assertThat(record.key()).isEqualTo(id.toString());
        assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo("fanout.payment.authorized.v1");
        assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo("/fanout/billing-service");
        assertThat(header(record, CloudEventHeaders.SUBJECT)).isEqualTo(id.toString());
        assertThat(header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(header(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(UUID.fromString(header(record, CloudEventHeaders.ID)).version()).isEqualTo(7);
        Instant time = Instant.parse(header(record, CloudEventHeaders.TIME));

        PaymentAuthorized authorized = EventJson.decode(record.value(), PaymentAuthorized.class);
        assertThat(authorized.orderId()).isEqualTo(id);
        assertThat(authorized.authorizationId()).matches("auth-[0-9a-f]{16}");
        assertThat(authorized.customerId()).isEqualTo(order.customerId());
        assertThat(authorized.currency()).isEqualTo("GBP");
        assertThat(authorized.amount()).isEqualTo(new BigDecimal("33.99"));
        assertThat(authorized.authorizedAt()).isEqualTo(time);
        // money as a plain JSON number, times as ISO-8601 strings
        JsonNode body = EventJson.mapper().readTree(record.value());
        assertThat(body.get("amount").isNumber()).isTrue();
        assertThat(body.get("amount").decimalValue()).isEqualTo(new BigDecimal("33.99"));
        assertThat(body.get("authorizedAt").isTextual()).isTrue();

        PaymentRow payment = store.payment(id);
        assertThat(payment.status()).isEqualTo("AUTHORIZED");
        assertThat(payment.authorizationId()).isEqualTo(authorized.authorizationId());
        assertThat(payment.amount()).isEqualTo(new BigDecimal("33.99"));
        assertThat(payment.currency()).isEqualTo("GBP");
        assertThat(payment.customerId()).isEqualTo(order.customerId());
        assertThat(payment.authorizedAt()).isEqualTo(authorized.authorizedAt());
        assertThat(store.gatewayCharges(id)).isEqualTo(1);
        assertThat(store.gatewayCharge(id).authorizationId()).isEqualTo(authorized.authorizationId());
    }

    @Test
    void aCustomerInTheDeclineRangeIsDeclined() {
        OrderPlaced order = placed(customer("decline-"), "12.00");

        publisher.publish(EventTypes.ORDER_PLACED, order.orderId(), order);

        PaymentDeclined declined = payments.onlyEvent(order.orderId(), EventTypes.PAYMENT_DECLINED);
        assertThat(declined).isEqualTo(new PaymentDeclined(order.orderId(), order.customerId(), "GBP",
                new BigDecimal("12.00"), "CARD_DECLINED", "the issuer declined the card", declined.declinedAt()));
        PaymentRow payment = store.payment(order.orderId());
        assertThat(payment.status()).isEqualTo("DECLINED");
        assertThat(payment.declineReason()).isEqualTo("CARD_DECLINED");
        assertThat(payment.authorizationId()).isNull();
    }

    @Test
    void anAmountAboveTheCustomersLimitIsDeclined() {
        OrderPlaced atLimit = placed(customer(), "1000.00");
        OrderPlaced overLimit = placed(customer(), "1000.01");
        OrderPlaced vip = placed(customer("vip-"), "9999.99");
        OrderPlaced vipOverLimit = placed(customer("vip-"), "10000.01");
        for (OrderPlaced order : List.of(atLimit, overLimit, vip, vipOverLimit)) {
            publisher.publish(EventTypes.ORDER_PLACED, order.orderId(), order);
        }

        assertThat(payments.onlyEvent(atLimit.orderId(), EventTypes.PAYMENT_AUTHORIZED).amount())
                .isEqualTo(new BigDecimal("1000.00"));
        PaymentDeclined declined = payments.onlyEvent(overLimit.orderId(), EventTypes.PAYMENT_DECLINED);
        assertThat(declined.reason()).isEqualTo("LIMIT_EXCEEDED");
        assertThat(declined.message()).isEqualTo("GBP 1000.01 is above the customer's limit of 1000.00");
        payments.onlyEvent(vip.orderId(), EventTypes.PAYMENT_AUTHORIZED);
        assertThat(payments.onlyEvent(vipOverLimit.orderId(), EventTypes.PAYMENT_DECLINED).reason())
                .isEqualTo("LIMIT_EXCEEDED");
        assertThat(store.payment(overLimit.orderId()).declineReason()).isEqualTo("LIMIT_EXCEEDED");
    }

    @Test
    void aRejectedOrdersAuthorizationIsVoidedExactlyOnce() {
        OrderPlaced order = placed(customer(), "49.00");
        UUID id = order.orderId();
        publisher.publish(EventTypes.ORDER_PLACED, id, order);
        String authorizationId = payments.onlyEvent(id, EventTypes.PAYMENT_AUTHORIZED).authorizationId();

        UUID rejection = UUID.randomUUID();
        publisher.publish(EventTypes.ORDER_REJECTED, id, rejected(order), rejection);
        // the same rejection redelivered, and a second one with a new id (a replay, a re-publish)
        publisher.publish(EventTypes.ORDER_REJECTED, id, rejected(order), rejection);
        UUID again = publisher.publish(EventTypes.ORDER_REJECTED, id, rejected(order));
        store.awaitProcessed(again);

        List<ConsumerRecord<String, String>> events = payments.eventsOf(id, 2);
        assertThat(payments.typesOf(events)).containsExactly("fanout.payment.authorized.v1",
                "fanout.payment.voided.v1");
        PaymentVoided voided = EventJson.decode(events.get(1).value(), PaymentVoided.class);
        assertThat(voided).isEqualTo(new PaymentVoided(id, authorizationId, "GBP", new BigDecimal("49.00"),
                voided.voidedAt()));
        PaymentRow payment = store.payment(id);
        assertThat(payment.status()).isEqualTo("VOIDED");
        assertThat(payment.voidedAt()).isEqualTo(voided.voidedAt());
        assertThat(store.gatewayCharge(id).voidedAt()).isNotNull();
    }

    @Test
    void aDeclinedPaymentIsNeverVoided() {
        OrderPlaced order = placed(customer("decline-"), "20.00");
        publisher.publish(EventTypes.ORDER_PLACED, order.orderId(), order);
        payments.onlyEvent(order.orderId(), EventTypes.PAYMENT_DECLINED);

        UUID rejection = publisher.publish(EventTypes.ORDER_REJECTED, order.orderId(), rejected(order));
        store.awaitProcessed(rejection);

        payments.onlyEvent(order.orderId(), EventTypes.PAYMENT_DECLINED);
        assertThat(store.payment(order.orderId()).status()).isEqualTo("DECLINED");
    }

    @Test
    void aRejectionBeforeTheOrderLeavesATombstoneAndTheLateOrderIsDeclined() {
        OrderPlaced order = placed(customer(), "15.00");
        UUID id = order.orderId();

        UUID rejection = publisher.publish(EventTypes.ORDER_REJECTED, id, rejected(order));
        store.awaitProcessed(rejection);
        PaymentRow tombstone = store.payment(id);
        assertThat(tombstone.status()).isEqualTo("CANCELLED");
        assertThat(tombstone.cancelledAt()).isNotNull();
        assertThat(payments.eventsOf(id, 0)).isEmpty();

        // the OrderPlaced that went to the dead-letter topic, redriven after the fix
        publisher.publish(EventTypes.ORDER_PLACED, id, order);

        PaymentDeclined declined = payments.onlyEvent(id, EventTypes.PAYMENT_DECLINED);
        assertThat(declined.reason()).isEqualTo("ORDER_CANCELLED");
        assertThat(declined.amount()).isEqualTo(new BigDecimal("15.00"));
        PaymentRow payment = store.payment(id);
        assertThat(payment.status()).isEqualTo("DECLINED");
        assertThat(payment.declineReason()).isEqualTo("ORDER_CANCELLED");
        assertThat(payment.cancelledAt()).isEqualTo(tombstone.cancelledAt());
        assertThat(store.gatewayCharges(id)).as("never sent to the gateway").isZero();
    }

    @Test
    void aRedeliveredOrderPlacedHasNoSecondEffect() {
        OrderPlaced order = placed(customer(), "33.99");
        UUID id = order.orderId();
        UUID eventId = UUID.randomUUID();

        publisher.publish(EventTypes.ORDER_PLACED, id, order, eventId);
        publisher.publish(EventTypes.ORDER_PLACED, id, order, eventId);
        // a later event of the same order (same partition) is processed after the redelivery
        UUID rejection = publisher.publish(EventTypes.ORDER_REJECTED, id, rejected(order));
        store.awaitProcessed(rejection);

        assertThat(payments.typesOf(payments.eventsOf(id, 2))).containsExactly("fanout.payment.authorized.v1",
                "fanout.payment.voided.v1");
        assertThat(store.gatewayCharges(id)).isEqualTo(1);
    }

    @Test
    void aSecondOrderPlacedWithANewEventIdChargesNothingMore() {
        OrderPlaced order = placed(customer(), "33.99");
        UUID id = order.orderId();

        publisher.publish(EventTypes.ORDER_PLACED, id, order);
        UUID second = publisher.publish(EventTypes.ORDER_PLACED, id, order);
        store.awaitProcessed(second);

        payments.onlyEvent(id, EventTypes.PAYMENT_AUTHORIZED);
        assertThat(store.gatewayCharges(id)).isEqualTo(1);
        assertThat(store.payment(id).status()).isEqualTo("AUTHORIZED");
    }

    @Test
    void aCrashBetweenTheGatewayAndTheCommitNeverChargesTwice() {
        OrderPlaced order = placed(customer(), "75.50");
        UUID id = order.orderId();
        // billing asked the gateway, then died before its transaction committed: nothing of it survived but the
        // gateway's memory
        AuthorizationResult first = gateway.authorize(new AuthorizationRequest(id.toString(), order.customerId(),
                order.total(), order.currency())).await().atMost(Duration.ofSeconds(10));
        assertThat(store.payment(id)).isNull();

        publisher.publish(EventTypes.ORDER_PLACED, id, order);

        PaymentAuthorized authorized = payments.onlyEvent(id, EventTypes.PAYMENT_AUTHORIZED);
        assertThat(first).isEqualTo(new AuthorizationResult.Approved(authorized.authorizationId()));
        assertThat(store.gatewayCharges(id)).isEqualTo(1);
    }

    @Test
    void whatCannotBeProcessedIsDeadLetteredWithItsCauseAndTheNextEventStillFlows() {
        String poisonKey = "poison-" + UUID.randomUUID();
        UUID poisonId = UUID.randomUUID();
        publisher.publishRaw(Topics.ORDERS, poisonKey, new byte[] { 0x00, (byte) 0xff, 0x7b },
                CloudEventHeaders.ID, poisonId.toString(), CloudEventHeaders.TYPE, "fanout.order.placed.v1");
        OrderPlaced fractionalPence = placed(UUID.randomUUID(), customer(), "GBP", "12.345");
        publisher.publish(EventTypes.ORDER_PLACED, fractionalPence.orderId(), fractionalPence);
        OrderPlaced authorized = placed(customer(), "20.00");
        publisher.publish(EventTypes.ORDER_PLACED, authorized.orderId(), authorized);
        OrderPlaced contradiction = placed(authorized.orderId(), authorized.customerId(), "GBP", "2000.00");
        publisher.publish(EventTypes.ORDER_PLACED, authorized.orderId(), contradiction);
        OrderPlaced next = placed(customer(), "5.00");
        publisher.publish(EventTypes.ORDER_PLACED, next.orderId(), next);

        payments.onlyEvent(next.orderId(), EventTypes.PAYMENT_AUTHORIZED);

        ConsumerRecord<String, String> poison = payments.deadLetter(poisonKey);
        assertThat(header(poison, DeadLetterHeaders.CATEGORY)).isEqualTo("poison");
        assertThat(header(poison, DeadLetterHeaders.REASON)).startsWith("poison record: not a valid OrderPlaced");
        assertThat(header(poison, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.ORDERS);
        assertThat(header(poison, DeadLetterHeaders.SOURCE_PARTITION)).isNotNull();
        assertThat(header(poison, DeadLetterHeaders.SOURCE_OFFSET)).isNotNull();
        assertThat(header(poison, DeadLetterHeaders.SERVICE)).isEqualTo("billing-service");
        assertThat(header(poison, DeadLetterHeaders.CONSUMER)).isEqualTo("billing-service/orders.v1");
        assertThat(header(poison, DeadLetterHeaders.ATTEMPTS)).isEqualTo("1");
        assertThat(header(poison, CloudEventHeaders.ID)).isEqualTo(poisonId.toString());
        assertThat(poison.value()).as("the original bytes").isNotEmpty();

        ConsumerRecord<String, String> invalid = payments.deadLetter(fractionalPence.orderId().toString());
        assertThat(header(invalid, DeadLetterHeaders.CATEGORY)).isEqualTo("rejected");
        assertThat(header(invalid, DeadLetterHeaders.REASON))
                .isEqualTo("rejected: amount 12.345 has more decimals than GBP allows (2)");
        assertThat(header(invalid, DeadLetterHeaders.EXCEPTION))
                .isEqualTo("dev.fanout.kit.consumer.PermanentEventException");
        assertThat(store.payment(fractionalPence.orderId())).isNull();
        assertThat(store.gatewayCharges(fractionalPence.orderId())).isZero();

        ConsumerRecord<String, String> contradicting = payments.deadLetter(authorized.orderId().toString());
        assertThat(header(contradicting, DeadLetterHeaders.CATEGORY)).isEqualTo("rejected");
        assertThat(header(contradicting, DeadLetterHeaders.REASON)).isEqualTo("rejected: the order's payment is "
                + "AUTHORIZED for GBP 20.00 for " + authorized.customerId() + "; this OrderPlaced asks for GBP 2000.00 "
                + "for " + authorized.customerId());
        assertThat(payments.onlyEvent(authorized.orderId(), EventTypes.PAYMENT_AUTHORIZED).amount())
                .isEqualTo(new BigDecimal("20.00"));
        assertThat(store.gatewayCharges(authorized.orderId())).isEqualTo(1);
    }

    @Test
    void anOrderConfirmedIsNotBillingsBusiness() {
        OrderPlaced order = placed(customer(), "10.00");
        publisher.publish(EventTypes.ORDER_PLACED, order.orderId(), order);
        payments.onlyEvent(order.orderId(), EventTypes.PAYMENT_AUTHORIZED);

        publisher.publish(EventTypes.ORDER_CONFIRMED, order.orderId(), new OrderConfirmed(
                order.orderId(), order.customerId(), "GBP", order.total(), order.placedAt(), Instant.now()));
        // a later event of the same order shows the confirmation was consumed (acknowledged, ignored)
        UUID rejection = publisher.publish(EventTypes.ORDER_REJECTED, order.orderId(), rejected(order));
        store.awaitProcessed(rejection);

        assertThat(payments.typesOf(payments.eventsOf(order.orderId(), 2))).containsExactly(
                "fanout.payment.authorized.v1", "fanout.payment.voided.v1");
        assertThat(store.payment(order.orderId()).status()).isEqualTo("VOIDED");
    }
}
