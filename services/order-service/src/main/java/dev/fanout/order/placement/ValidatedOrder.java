package dev.fanout.order.placement;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** An order request that passed {@link OrderValidator}: normalised amounts, computed total. */
public record ValidatedOrder(String customerId, String currency, List<Line> lines, BigDecimal total) {

    public ValidatedOrder {
        lines = List.copyOf(lines);
    }

    public record Line(String sku, int quantity, BigDecimal unitPrice) {
    }

    /**
     * Identifies the request's meaning, not its spelling: the same order sent with other whitespace, field order or
     * {@code 12.5} for {@code 12.50} has the same fingerprint. Used to tell an idempotent retry from a key reused
     * for a different order.
     */
    public String fingerprint() {
        StringBuilder canonical = new StringBuilder()
                .append(customerId).append('\u0000').append(currency);
        for (Line line : lines) {
            canonical.append('\u0000').append(line.sku()).append('\u0001').append(line.quantity())
                    .append('\u0001').append(line.unitPrice().stripTrailingZeros().toPlainString());
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
