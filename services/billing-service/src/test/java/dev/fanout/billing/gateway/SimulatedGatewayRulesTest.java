package dev.fanout.billing.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.fanout.billing.gateway.AuthorizationResult.Declined;
import dev.fanout.billing.gateway.SimulatedGatewayRules.Faults;

class SimulatedGatewayRulesTest {

    private static final SimulatedGatewayRules DEFAULTS = new SimulatedGatewayRules("decline-", "vip-",
            new BigDecimal("1000.00"), new BigDecimal("10000.00"));

    @ParameterizedTest(name = "{0} asks for {1}: {2}")
    @CsvSource({
            "cust-1, 33.99, APPROVED",
            "cust-1, 1000.00, APPROVED",
            "cust-1, 1000, APPROVED",
            "cust-1, 1000.01, LIMIT_EXCEEDED",
            "cust-1, 0, APPROVED",
            "vip-1, 1000.01, APPROVED",
            "vip-1, 10000.00, APPROVED",
            "vip-1, 10000.01, LIMIT_EXCEEDED",
            "decline-1, 0.01, CARD_DECLINED",
            "decline-1, 5000, CARD_DECLINED",
            "Decline-1, 1, APPROVED",
            "cust-decline-1, 1, APPROVED",
            "vipcust-1, 1000.01, LIMIT_EXCEEDED" })
    void decisions(String customer, String amount, String expected) {
        Optional<Declined> decision = DEFAULTS.decide(customer, new BigDecimal(amount), "GBP");
        assertThat(decision.map(Declined::code).orElse("APPROVED")).isEqualTo(expected);
    }

    @Test
    void declinesSayWhy() {
        assertThat(DEFAULTS.decide("decline-7", BigDecimal.ONE, "GBP"))
                .contains(new Declined("CARD_DECLINED", "the issuer declined the card"));
        assertThat(DEFAULTS.decide("cust-1", new BigDecimal("1200.50"), "EUR"))
                .contains(new Declined("LIMIT_EXCEEDED",
                        "EUR 1200.50 is above the customer's limit of EUR 1150 (GBP 1000.00)"));
    }

    @Test
    void theDeclineRangeWinsOverTheLimit() {
        assertThat(DEFAULTS.decide("decline-1", new BigDecimal("99999"), "GBP").map(Declined::code))
                .contains("CARD_DECLINED");
    }

    @Test
    void limitsAndPrefixesAreConfigurable() {
        SimulatedGatewayRules rules = new SimulatedGatewayRules("blocked-", "gold-", new BigDecimal("50"),
                new BigDecimal("75"));
        assertThat(rules.decide("decline-1", BigDecimal.ONE, "GBP")).isEmpty();
        assertThat(rules.decide("blocked-1", BigDecimal.ONE, "GBP").map(Declined::code)).contains("CARD_DECLINED");
        assertThat(rules.decide("cust-1", new BigDecimal("50.01"), "GBP").map(Declined::code))
                .contains("LIMIT_EXCEEDED");
        assertThat(rules.decide("gold-1", new BigDecimal("75"), "GBP")).isEmpty();
        assertThat(rules.limitOf("gold-1")).isEqualByComparingTo("75");
    }

    @Test
    void badSettingsAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> new SimulatedGatewayRules("decline-", "vip-", new BigDecimal("-1"), BigDecimal.TEN))
                .hasMessageContaining("fanout.billing.gateway.default-limit");
        assertThatThrownBy(() -> new SimulatedGatewayRules(" ", "vip-", BigDecimal.TEN, BigDecimal.TEN))
                .hasMessageContaining("fanout.billing.gateway.decline-prefix");
        assertThatThrownBy(() -> new Faults(Duration.ZERO, 1.5, 0))
                .hasMessageContaining("fanout.billing.gateway.transient-failure-rate");
        assertThatThrownBy(() -> new Faults(Duration.ZERO, Double.NaN, 0))
                .hasMessageContaining("fanout.billing.gateway.transient-failure-rate");
        assertThatThrownBy(() -> new Faults(Duration.ZERO, 0, -1))
                .hasMessageContaining("fanout.billing.gateway.fail-first-attempts");
        assertThatThrownBy(() -> new Faults(Duration.ofMillis(-1), 0, 0))
                .hasMessageContaining("fanout.billing.gateway.latency");
    }

    @Test
    void noFaultsByDefault() {
        Faults none = Faults.none();
        assertThat(IntStream.rangeClosed(1, 100).anyMatch(call -> none.timesOut(call, 0.0))).isFalse();
        assertThat(none.countsCalls()).isFalse();
    }

    @Test
    void theFirstAttemptsOfEachKeyFailDeterministically() {
        Faults failTwice = new Faults(Duration.ZERO, 0.0, 2);
        assertThat(failTwice.countsCalls()).isTrue();
        assertThat(failTwice.timesOut(1, 0.99)).isTrue();
        assertThat(failTwice.timesOut(2, 0.99)).isTrue();
        assertThat(failTwice.timesOut(3, 0.0)).isFalse();
        assertThat(failTwice.timesOut(4, 0.0)).isFalse();
    }

    @Test
    void aFailureRateFailsThatFractionOfDraws() {
        Faults tenth = new Faults(Duration.ZERO, 0.1, 0);
        assertThat(tenth.timesOut(1, 0.05)).isTrue();
        assertThat(tenth.timesOut(1, 0.1)).isFalse();
        assertThat(tenth.timesOut(7, 0.5)).isFalse();
        Faults always = new Faults(Duration.ZERO, 1.0, 0);
        assertThat(always.timesOut(1, 0.999999)).isTrue();
    }

    @Test
    void limitsAreInPoundsAndConvertedForOtherCurrencies() {
        SimulatedGatewayRules rules = new SimulatedGatewayRules("decline-", "vip-", new BigDecimal("1000.00"),
                new BigDecimal("10000.00"));

        assertThat(rules.decide("c-1", new BigDecimal("150000"), "JPY")).isEmpty();
        assertThat(rules.decide("c-1", new BigDecimal("190001"), "JPY")).isPresent();
        assertThat(rules.decide("c-1", new BigDecimal("1150.00"), "EUR")).isEmpty();
        assertThat(rules.decide("c-1", new BigDecimal("1150.01"), "EUR")).isPresent();
    }
}
