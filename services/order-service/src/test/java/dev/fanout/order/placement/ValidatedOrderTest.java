package dev.fanout.order.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

class ValidatedOrderTest {

    private static ValidatedOrder order(String customer, String price, int quantity) {
        return new ValidatedOrder(customer, "GBP",
                List.of(new ValidatedOrder.Line("A", quantity, new BigDecimal(price))), BigDecimal.TEN);
    }

    @Test
    void theFingerprintIgnoresHowAPriceIsWritten() {
        assertThat(order("c", "12.5", 1).fingerprint()).isEqualTo(order("c", "12.50", 1).fingerprint());
    }

    @Test
    void theFingerprintChangesWithWhatIsOrdered() {
        String original = order("c", "12.50", 1).fingerprint();

        assertThat(order("c", "12.50", 2).fingerprint()).isNotEqualTo(original);
        assertThat(order("c", "12.51", 1).fingerprint()).isNotEqualTo(original);
        assertThat(order("d", "12.50", 1).fingerprint()).isNotEqualTo(original);
    }

    @Test
    void fieldBoundariesCannotBeForged() {
        ValidatedOrder a = new ValidatedOrder("ab", "GBP", List.of(), BigDecimal.ZERO);
        ValidatedOrder b = new ValidatedOrder("a", "bGBP", List.of(), BigDecimal.ZERO);

        assertThat(a.fingerprint()).isNotEqualTo(b.fingerprint());
    }
}
