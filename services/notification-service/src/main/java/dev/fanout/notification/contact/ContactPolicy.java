package dev.fanout.notification.contact;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import dev.fanout.notification.delivery.Channel;

/**
 * Which channels a customer is told on, from their stored preferences (plain rules, unit-tested):
 * <ul>
 * <li>no stored preferences: email to the default address {@code <customer id>@<default domain>}, no SMS;</li>
 * <li>email: unless opted out, to the stored address, or the default address when none is stored;</li>
 * <li>SMS: only to a stored phone number, unless opted out.</li>
 * </ul>
 */
public final class ContactPolicy {

    public static final String OPTED_OUT_EMAIL = "customer opted out of email";
    public static final String OPTED_OUT_SMS = "customer opted out of SMS";
    public static final String NO_PHONE = "no phone number on file";

    private static final int MAX_LOCAL_PART = 64;

    private final String defaultDomain;

    public ContactPolicy(String defaultDomain) {
        this.defaultDomain = defaultDomain;
    }

    public Decision decide(Channel channel, String customerId, Optional<Contact> stored) {
        return switch (channel) {
            case EMAIL -> {
                if (stored.isPresent() && stored.get().emailOptOut()) {
                    yield new Decision.Skip(OPTED_OUT_EMAIL);
                }
                String address = stored.map(Contact::email).orElse(null);
                yield new Decision.Send(address != null ? address : defaultAddress(customerId));
            }
            case SMS -> {
                if (stored.isEmpty()) {
                    yield new Decision.Skip(NO_PHONE);
                }
                Contact contact = stored.get();
                if (contact.smsOptOut()) {
                    yield new Decision.Skip(OPTED_OUT_SMS);
                }
                yield contact.phone() == null ? new Decision.Skip(NO_PHONE) : new Decision.Send(contact.phone());
            }
        };
    }

    /**
     * {@code <customer id>@<default domain>}: the id in lower case, characters an address cannot hold unquoted
     * (such as ':') replaced by '-', runs of dots collapsed; an id longer than 64 characters keeps its first 55
     * and a hash of the whole, so two ids never share an address by truncation.
     */
    public String defaultAddress(String customerId) {
        String local = customerId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-").replaceAll("\\.{2,}", ".")
                .replaceAll("^\\.|\\.$", "");
        if (local.isEmpty()) {
            local = "customer-" + hash(customerId);
        } else if (local.length() > MAX_LOCAL_PART) {
            local = local.substring(0, 55) + "-" + hash(customerId);
        }
        return local + "@" + defaultDomain;
    }

    private static String hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
