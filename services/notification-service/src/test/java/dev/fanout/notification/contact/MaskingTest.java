package dev.fanout.notification.contact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void emailKeepsTheFirstCharacterAndTheDomain() {
        assertThat(Masking.mask("cust-1001@customers.fanout.example")).isEqualTo("c***@customers.fanout.example");
        assertThat(Masking.mask("a@example.com")).isEqualTo("a***@example.com");
        assertThat(Masking.mask("@example.com")).isEqualTo("***@example.com");
    }

    @Test
    void phoneKeepsThreeCharactersAtEachEndAndItsLength() {
        assertThat(Masking.mask("+447700900123")).isEqualTo("+44*******123");
        assertThat(Masking.mask("+14155550100")).isEqualTo("+14******100");
        assertThat(Masking.mask("12345")).isEqualTo("***45");
    }

    @Test
    void nothingToMask() {
        assertThat(Masking.mask(null)).isNull();
        assertThat(Masking.mask("")).isEmpty();
    }
}
