package dev.fanout.fulfilment.shipping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.fanout.kit.Ids;

class TrackingNumbersTest {

    private static final UUID ORDER = UUID.fromString("0193a7c2-5d1e-7b3a-9f0e-1c2d3e4f5a6b");

    @Test
    void theSameOrderAlwaysGetsTheSameNumber() {
        String number = TrackingNumbers.of("FP", ORDER);

        // pinned: a tracking number handed out once must stay the same across releases
        assertThat(number).isEqualTo("FP2JEGFZQ55EX9");
        assertThat(number).isEqualTo(TrackingNumbers.of("FP", UUID.fromString(ORDER.toString())));
        assertThat(number).matches("FP[0-9A-HJKMNP-TV-Z]{12}");
        assertThat(TrackingNumbers.of("RM", ORDER)).isEqualTo("RM" + number.substring(2));
    }

    @Test
    void differentOrdersGetDifferentNumbers() {
        Set<String> numbers = new HashSet<>();
        for (int i = 0; i < 50_000; i++) {
            numbers.add(TrackingNumbers.of("FP", Ids.newId()));
        }
        assertThat(numbers).hasSize(50_000);
    }

    @Test
    void aPrefixIsOneToFourUpperCaseLetters() {
        assertThat(TrackingNumbers.checkPrefix("ABCD")).isEqualTo("ABCD");
        assertThatThrownBy(() -> TrackingNumbers.of("fp", ORDER)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrackingNumbers.of("", ORDER)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrackingNumbers.of("ABCDE", ORDER)).isInstanceOf(IllegalArgumentException.class);
    }
}
