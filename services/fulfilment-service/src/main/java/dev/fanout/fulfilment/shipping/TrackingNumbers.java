package dev.fanout.fulfilment.shipping;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Tracking numbers of the simulated carrier: the carrier's prefix and 12 characters of Crockford base32 taken from
 * SHA-256 of the order id (60 bits). Deterministic (the same order always gets the same number, so a replayed or
 * redriven dispatch is recognisable), unguessable from the order id alone by a human, and with 2^60 values a clash
 * within any realistic number of orders is negligible. Example: order {@code 0193a7c2-5d1e-7b3a-9f0e-1c2d3e4f5a6b}
 * ships as {@code FP2JEGFZQ55EX9}.
 */
public final class TrackingNumbers {

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    static final int LENGTH = 12;

    private TrackingNumbers() {
    }

    public static String of(String prefix, UUID orderId) {
        checkPrefix(prefix);
        byte[] hash = sha256(orderId.toString());
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (hash[i] & 0xff);
        }
        char[] code = new char[LENGTH];
        for (int i = LENGTH - 1; i >= 0; i--) {
            code[i] = CROCKFORD[(int) (bits & 31)];
            bits >>>= 5;
        }
        return prefix + new String(code);
    }

    /** A prefix is 1 to 4 upper-case letters A to Z. */
    public static String checkPrefix(String prefix) {
        if (prefix == null || !prefix.matches("[A-Z]{1,4}")) {
            throw new IllegalArgumentException("a tracking prefix is 1 to 4 upper-case letters, got '" + prefix + "'");
        }
        return prefix;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
