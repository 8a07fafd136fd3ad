package dev.fanout.notification.contact;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.fanout.kit.problem.Problem.FieldError;

/** What a well-formed customer id, email address and phone number are (for the API and for incoming events). */
public final class ContactRules {

    /** Customer ids as order-service accepts them. */
    public static final int MAX_CUSTOMER_ID = 64;
    private static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]*");
    /**
     * A deliberately plain address: dot-atom local part, a domain with at least one dot, no spaces, quotes, angle
     * brackets or control characters (nothing that could break out of a mail header).
     */
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    public static final int MAX_EMAIL = 254;
    /** E.164: a '+', a country code not starting with 0, 8 to 15 digits in all. */
    private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{7,14}");

    private ContactRules() {
    }

    public static boolean isCustomerId(String value) {
        return value != null && value.length() <= MAX_CUSTOMER_ID && CUSTOMER_ID.matcher(value).matches();
    }

    /** Problems with a contact, one per field; empty when it is valid. */
    public static List<FieldError> check(Contact contact) {
        List<FieldError> errors = new ArrayList<>();
        String email = contact.email();
        if (email != null) {
            if (email.length() > MAX_EMAIL) {
                errors.add(new FieldError("email", "must be at most " + MAX_EMAIL + " characters"));
            } else if (!EMAIL.matcher(email).matches() || email.indexOf('@') > 64) {
                errors.add(new FieldError("email", "must be an email address such as ada@example.com"));
            }
        }
        String phone = contact.phone();
        if (phone != null && !PHONE.matcher(phone).matches()) {
            errors.add(new FieldError("phone", "must be an E.164 number such as +447700900123 ('+', country code, "
                    + "8 to 15 digits, no spaces)"));
        }
        return errors;
    }
}
