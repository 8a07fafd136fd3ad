package dev.fanout.analytics.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import dev.fanout.kit.consumer.PermanentEventException;

class MoneyTest {

    @Test
    void amountsBecomeIntegerMinorUnitsOfTheirCurrency() {
        assertThat(Money.toMinorUnits(new BigDecimal("33.99"), "GBP")).isEqualTo(3399);
        assertThat(Money.toMinorUnits(new BigDecimal("33.9"), "EUR")).isEqualTo(3390);
        assertThat(Money.toMinorUnits(new BigDecimal("33.990000"), "USD")).isEqualTo(3399);
        assertThat(Money.toMinorUnits(new BigDecimal("1200"), "JPY")).isEqualTo(1200);
        assertThat(Money.toMinorUnits(new BigDecimal("1200.00"), "JPY")).isEqualTo(1200);
        assertThat(Money.toMinorUnits(new BigDecimal("1.005"), "BHD")).isEqualTo(1005);
        assertThat(Money.toMinorUnits(BigDecimal.ZERO, "GBP")).isZero();
        assertThat(Money.fractionDigits("JPY")).isZero();
        assertThat(Money.fractionDigits("KWD")).isEqualTo(3);
    }

    @Test
    void nothingIsEverRoundedOrGuessed() {
        assertThatThrownBy(() -> Money.toMinorUnits(new BigDecimal("10.005"), "GBP"))
                .isInstanceOf(PermanentEventException.class)
                .hasMessage("amount 10.005 GBP has more decimals than can be counted exactly (GBP has 2 decimals)");
        assertThatThrownBy(() -> Money.toMinorUnits(new BigDecimal("1200.5"), "JPY"))
                .isInstanceOf(PermanentEventException.class).hasMessageContaining("JPY has 0 decimals");
        assertThatThrownBy(() -> Money.toMinorUnits(new BigDecimal("-1.00"), "GBP"))
                .isInstanceOf(PermanentEventException.class).hasMessage("negative amount -1.00 GBP");
        assertThatThrownBy(() -> Money.toMinorUnits(new BigDecimal("1.00"), "QQQ"))
                .isInstanceOf(PermanentEventException.class).hasMessage("unknown currency QQQ");
        assertThatThrownBy(() -> Money.toMinorUnits(new BigDecimal("1.00"), "gbp"))
                .isInstanceOf(PermanentEventException.class).hasMessageContaining("not an ISO 4217 currency code");
        assertThatThrownBy(() -> Money.toMinorUnits(new BigDecimal("1"), "XAU"))
                .isInstanceOf(PermanentEventException.class).hasMessageContaining("not a currency with minor units");
        assertThatThrownBy(() -> Money.toMinorUnits(new BigDecimal("100000000000000.00"), "GBP"))
                .isInstanceOf(PermanentEventException.class).hasMessageContaining("too large");
        assertThat(Money.toMinorUnits(new BigDecimal("90071992547409.91"), "GBP")).isEqualTo(Money.MAX_UNITS);
    }

    @Test
    void voidsWithoutCurrencyAreKeptInMillionths() {
        assertThat(Money.toMicros(new BigDecimal("33.99"))).isEqualTo(33_990_000);
        assertThatThrownBy(() -> Money.toMicros(new BigDecimal("0.0000001")))
                .isInstanceOf(PermanentEventException.class);
    }

    @Test
    void minorUnitsFormatBackToPlainDecimals() {
        assertThat(Money.format(3399, 2)).isEqualTo("33.99");
        assertThat(Money.format(5, 2)).isEqualTo("0.05");
        assertThat(Money.format(1200, 0)).isEqualTo("1200");
        assertThat(Money.format(1005, 3)).isEqualTo("1.005");
        assertThat(Money.format(0, 2)).isEqualTo("0.00");
    }
}
