package dev.fanout.billing.payment;

import static dev.fanout.billing.payment.PaymentStatus.AUTHORIZED;
import static dev.fanout.billing.payment.PaymentStatus.CANCELLED;
import static dev.fanout.billing.payment.PaymentStatus.DECLINED;
import static dev.fanout.billing.payment.PaymentStatus.VOIDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.fanout.billing.payment.PaymentRules.Charge;
import dev.fanout.billing.payment.PaymentRules.OnPlaced;
import dev.fanout.billing.payment.PaymentRules.OnRejected;
import dev.fanout.billing.payment.PaymentRules.Violation;

class PaymentRulesTest {

    private static final Charge CHARGE = new Charge("cust-1", "GBP", new BigDecimal("33.99"));
    private static final Instant NOW = Instant.parse("2026-11-26T09:15:30Z");

    @Test
    void aNewOrderIsAuthorized() {
        assertThat(PaymentRules.placed(null, null, CHARGE)).isEqualTo(OnPlaced.AUTHORIZE);
    }

    @Test
    void anOrderRejectedBeforeItWasPlacedIsDeclinedNotCharged() {
        assertThat(PaymentRules.placed(CANCELLED, null, CHARGE)).isEqualTo(OnPlaced.DECLINE_CANCELLED);
        assertThat(PaymentRules.placed(CANCELLED, CHARGE, CHARGE)).isEqualTo(OnPlaced.DECLINE_CANCELLED);
    }

    @Test
    void anOrderIsNeverAnsweredTwice() {
        for (PaymentStatus answered : new PaymentStatus[] { AUTHORIZED, DECLINED, VOIDED }) {
            assertThat(PaymentRules.placed(answered, CHARGE, CHARGE)).isEqualTo(OnPlaced.ALREADY_ANSWERED);
        }
        // 33.990 is 33.99
        assertThat(PaymentRules.placed(AUTHORIZED, CHARGE, new Charge("cust-1", "GBP", new BigDecimal("33.990"))))
                .isEqualTo(OnPlaced.ALREADY_ANSWERED);
    }

    @Test
    void anOrderPlacedThatContradictsTheChargeIsAViolation() {
        assertThatThrownBy(() -> PaymentRules.placed(AUTHORIZED, CHARGE,
                new Charge("cust-1", "GBP", new BigDecimal("40.00"))))
                .isInstanceOf(Violation.class)
                .hasMessage("the order's payment is AUTHORIZED for GBP 33.99 for cust-1; this OrderPlaced asks for "
                        + "GBP 40.00 for cust-1");
        assertThatThrownBy(() -> PaymentRules.placed(DECLINED, CHARGE, new Charge("cust-2", "GBP", CHARGE.amount())))
                .isInstanceOf(Violation.class);
        assertThatThrownBy(() -> PaymentRules.placed(VOIDED, CHARGE, new Charge("cust-1", "EUR", CHARGE.amount())))
                .isInstanceOf(Violation.class);
    }

    @Test
    void onlyAnAuthorizationIsVoided() {
        assertThat(PaymentRules.rejected(AUTHORIZED)).isEqualTo(OnRejected.VOID);
        assertThat(PaymentRules.rejected(DECLINED)).isEqualTo(OnRejected.NOTHING);
        assertThat(PaymentRules.rejected(VOIDED)).isEqualTo(OnRejected.NOTHING);
        assertThat(PaymentRules.rejected(CANCELLED)).isEqualTo(OnRejected.NOTHING);
    }

    @Test
    void aRejectionBeforeThePaymentLeavesATombstone() {
        assertThat(PaymentRules.rejected(null)).isEqualTo(OnRejected.TOMBSTONE);
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            ", AUTHORIZED, true", ", DECLINED, true", ", CANCELLED, true", ", VOIDED, false",
            "CANCELLED, DECLINED, true", "AUTHORIZED, VOIDED, true",
            "AUTHORIZED, DECLINED, false", "AUTHORIZED, CANCELLED, false", "AUTHORIZED, AUTHORIZED, false",
            "DECLINED, AUTHORIZED, false", "DECLINED, VOIDED, false", "DECLINED, CANCELLED, false",
            "VOIDED, AUTHORIZED, false", "VOIDED, VOIDED, false", "CANCELLED, AUTHORIZED, false",
            "CANCELLED, VOIDED, false" })
    void statusChanges(PaymentStatus from, PaymentStatus to, boolean lawful) {
        if (lawful) {
            assertThatCode(() -> PaymentRules.checkTransition(from, to)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> PaymentRules.checkTransition(from, to)).isInstanceOf(Violation.class)
                    .hasMessageStartingWith("a payment cannot go from ");
        }
    }

    @Test
    void thePaymentEntityFollowsTheRules() {
        UUID order = UUID.randomUUID();
        Payment authorized = Payment.authorized(order, CHARGE, "auth-1", NOW);
        authorized.markVoided(NOW.plusSeconds(1));
        assertThat(authorized.status).isEqualTo(VOIDED);
        assertThat(authorized.voidedAt).isEqualTo(NOW.plusSeconds(1));
        assertThat(authorized.updatedAt).isEqualTo(NOW.plusSeconds(1));
        assertThatThrownBy(() -> authorized.markVoided(NOW)).isInstanceOf(Violation.class);

        Payment declined = Payment.declined(order, CHARGE, "CARD_DECLINED", "no", NOW);
        assertThatThrownBy(() -> declined.markVoided(NOW)).isInstanceOf(Violation.class);

        Payment tombstone = Payment.cancelled(order, "cust-1", null, null, NOW);
        assertThat(tombstone.charge()).isNull();
        tombstone.declineAsCancelled(CHARGE, "rejected first", NOW.plusSeconds(2));
        assertThat(tombstone.status).isEqualTo(DECLINED);
        assertThat(tombstone.declineReason).isEqualTo(PaymentRules.ORDER_CANCELLED);
        assertThat(tombstone.charge()).isEqualTo(CHARGE);
        assertThat(tombstone.cancelledAt).isEqualTo(NOW);
        assertThat(tombstone.declinedAt).isEqualTo(NOW.plusSeconds(2));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({ "GBP, 33.99", "GBP, 33.990", "GBP, 0", "JPY, 1200", "JPY, 1200.00", "BHD, 1.125",
            "GBP, 999999999999999.99" })
    void chargesBillingCanTake(String currency, String amount) {
        assertThatCode(() -> PaymentRules.validate(new Charge("cust-1", currency, new BigDecimal(amount))))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "GBP | 12.345 | amount 12.345 has more decimals than GBP allows (2)",
            "JPY | 12.5 | amount 12.5 has more decimals than JPY allows (0)",
            "GBP | -1.00 | amount -1.00 is negative",
            "ZZZ | 1.00 | 'ZZZ' is not an ISO 4217 currency code",
            "gbp | 1.00 | 'gbp' is not an ISO 4217 currency code",
            "GBPX | 1.00 | 'GBPX' is not an ISO 4217 currency code",
            "GBP | 1000000000000000.00 | amount 1000000000000000.00 is too large" })
    void chargesBillingRefuses(String currency, String amount, String why) {
        assertThatThrownBy(() -> PaymentRules.validate(new Charge("cust-1", currency, new BigDecimal(amount))))
                .isInstanceOf(Violation.class).hasMessage(why);
    }

    @Test
    void aChargeNeedsACustomer() {
        assertThatThrownBy(() -> PaymentRules.validate(new Charge(" ", "GBP", BigDecimal.ONE)))
                .isInstanceOf(Violation.class).hasMessage("no customer to charge");
    }
}
