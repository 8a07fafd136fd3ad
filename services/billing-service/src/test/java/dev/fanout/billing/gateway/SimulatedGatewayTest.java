package dev.fanout.billing.gateway;

import static dev.fanout.billing.support.Orders.customer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.fanout.billing.gateway.AuthorizationResult.Approved;
import dev.fanout.billing.gateway.AuthorizationResult.Declined;
import dev.fanout.billing.support.BillingStore;
import io.smallrye.mutiny.Uni;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The simulated gateway as an external system, against the real database: it remembers its answers per idempotency
 * key in its own transactions, replays them, refuses a key reused for another charge, and voids idempotently.
 */
@QuarkusTest
class SimulatedGatewayTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    PaymentGateway gateway;

    @Inject
    BillingStore store;

    @Test
    void theSameKeyGetsTheSameAnswer() {
        UUID order = UUID.randomUUID();
        AuthorizationRequest request = request(order, customer(), "42.00");

        AuthorizationResult first = authorize(request);
        AuthorizationResult again = authorize(request);

        assertThat(first).isInstanceOf(Approved.class);
        assertThat(again).isEqualTo(first);
        assertThat(store.gatewayCharges(order)).isEqualTo(1);
        // 42.0 is the same amount as 42.00
        assertThat(authorize(request(order, request.customerId(), "42.0"))).isEqualTo(first);
    }

    @Test
    void aDeclineIsRememberedToo() {
        UUID order = UUID.randomUUID();
        AuthorizationRequest request = request(order, customer("decline-"), "42.00");

        assertThat(authorize(request)).isEqualTo(new Declined("CARD_DECLINED", "the issuer declined the card"));
        assertThat(authorize(request)).isEqualTo(new Declined("CARD_DECLINED", "the issuer declined the card"));
        assertThat(store.gatewayCharge(order).outcome()).isEqualTo("DECLINED");
    }

    @Test
    void concurrentCallsWithOneKeyChargeOnce() {
        UUID order = UUID.randomUUID();
        AuthorizationRequest request = request(order, customer(), "10.00");

        List<AuthorizationResult> results = Uni.join().all(IntStream.range(0, 8)
                .mapToObj(i -> gateway.authorize(request)).toList()).andFailFast().await().atMost(WAIT);

        assertThat(results).hasSize(8).allMatch(r -> r.equals(results.get(0)));
        assertThat(store.gatewayCharges(order)).isEqualTo(1);
    }

    @Test
    void aKeyReusedForAnotherChargeIsRefused() {
        UUID order = UUID.randomUUID();
        String customer = customer();
        authorize(request(order, customer, "10.00"));

        assertThatThrownBy(() -> authorize(request(order, customer, "11.00")))
                .isInstanceOf(GatewayRequestRefusedException.class)
                .hasMessage("idempotency key " + order + " was used for GBP 10.00 by " + customer + ", now GBP 11.00 by "
                        + customer);
        assertThatThrownBy(() -> authorize(new AuthorizationRequest(order.toString(), "someone-else",
                new BigDecimal("10.00"), "GBP"))).isInstanceOf(GatewayRequestRefusedException.class);
    }

    @Test
    void voidingIsIdempotentAndOnlyForWhatTheGatewayGranted() {
        UUID order = UUID.randomUUID();
        Approved approved = (Approved) authorize(request(order, customer(), "10.00"));

        gateway.voidAuthorization(approved.authorizationId()).await().atMost(WAIT);
        var voidedAt = store.gatewayCharge(order).voidedAt();
        gateway.voidAuthorization(approved.authorizationId()).await().atMost(WAIT);

        assertThat(voidedAt).isNotNull();
        assertThat(store.gatewayCharge(order).voidedAt()).as("the first void stands").isEqualTo(voidedAt);
        assertThatThrownBy(() -> gateway.voidAuthorization("auth-0000000000000000").await().atMost(WAIT))
                .isInstanceOf(GatewayRequestRefusedException.class)
                .hasMessage("the gateway never granted authorization auth-0000000000000000");
    }

    private AuthorizationResult authorize(AuthorizationRequest request) {
        return gateway.authorize(request).await().atMost(WAIT);
    }

    private static AuthorizationRequest request(UUID order, String customer, String amount) {
        return new AuthorizationRequest(order.toString(), customer, new BigDecimal(amount), "GBP");
    }
}
