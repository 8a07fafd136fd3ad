package dev.fanout.notification.contact;

/**
 * Recipients as events, logs and read endpoints show them: {@code c***@example.com}, {@code +44*******123}. Never
 * enough to contact the customer, enough for a support agent to recognise whom.
 */
public final class Masking {

    private Masking() {
    }

    public static String mask(String recipient) {
        if (recipient == null || recipient.isEmpty()) {
            return recipient;
        }
        int at = recipient.lastIndexOf('@');
        return at >= 0 ? email(recipient, at) : phone(recipient);
    }

    /** The first character of the local part, three stars, the domain. */
    private static String email(String address, int at) {
        String first = at == 0 ? "" : address.substring(0, address.offsetByCodePoints(0, 1));
        return first + "***" + address.substring(at);
    }

    /** The first three and last three characters, every one between them a star (same length). */
    private static String phone(String number) {
        int n = number.length();
        if (n <= 6) {
            return "*".repeat(Math.max(0, n - 2)) + number.substring(Math.max(0, n - 2));
        }
        return number.substring(0, 3) + "*".repeat(n - 6) + number.substring(n - 3);
    }
}
