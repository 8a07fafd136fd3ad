package dev.fanout.notification.message;

import java.util.regex.Pattern;

/**
 * Values that come from events (reason sentences, carrier names, tracking numbers, SKUs) before they reach a
 * template: control characters, line and paragraph separators and bidirectional overrides become spaces (no header
 * injection through a subject, no text that reads differently than it is), whitespace is collapsed, and the value is
 * cut to a length. HTML escaping is the HTML templates' own (Qute escapes every value in a {@code .html} template).
 */
public final class SafeText {

    private static final Pattern UNSAFE = Pattern.compile("[\\p{Cntrl}\\u0085\\u2028\\u2029\\u200E\\u200F"
            + "\\u202A-\\u202E\\u2066-\\u2069\\uFEFF]");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final String ELLIPSIS = "...";

    private SafeText() {
    }

    /** The value made safe, at most {@code max} characters (cut with "..."); null stays null. */
    public static String clean(String value, int max) {
        if (value == null) {
            return null;
        }
        String cleaned = SPACES.matcher(UNSAFE.matcher(value).replaceAll(" ")).replaceAll(" ").strip();
        return cut(cleaned, max);
    }

    /** One line: every run of whitespace (newlines included) becomes one space. */
    public static String oneLine(String value, int max) {
        return clean(value, max);
    }

    /** Cuts to at most {@code max} characters, ending in "..." when something was cut. */
    public static String cut(String value, int max) {
        if (value.length() <= max) {
            return value;
        }
        int end = Math.max(0, max - ELLIPSIS.length());
        if (end > 0 && Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end).stripTrailing() + ELLIPSIS;
    }
}
