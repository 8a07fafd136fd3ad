package dev.fanout.notification.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {

    @Test
    void controlCharactersAndBidiOverridesBecomeSpacesAndWhitespaceCollapses() {
        assertThat(SafeText.clean("a\r\nb\tc\u0000d\u202Ee\u2028f   g", 100)).isEqualTo("a b c d e f g");
        assertThat(SafeText.clean("  padded  ", 100)).isEqualTo("padded");
        assertThat(SafeText.clean(null, 10)).isNull();
    }

    @Test
    void longValuesAreCutWithAnEllipsis() {
        assertThat(SafeText.clean("abcdefghij", 10)).isEqualTo("abcdefghij");
        assertThat(SafeText.clean("abcdefghijk", 10)).isEqualTo("abcdefg...");
        // a surrogate pair is never split
        assertThat(SafeText.cut("abcd\uD83D\uDE00xyz", 8)).isEqualTo("abcd...");
        assertThat(SafeText.cut("abc\uD83D\uDE00xyzw", 8)).isEqualTo("abc\uD83D\uDE00...");
    }
}
