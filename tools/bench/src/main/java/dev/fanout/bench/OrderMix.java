package dev.fanout.bench;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The orders the benchmark places: mostly good orders of 1 to 3 deep-stock SKUs ({@code BOOK-0001}..{@code BOOK-0010},
 * {@code MUG-0042}: a million units each), some in EUR, and a few percent from customers whose id starts with
 * {@code decline-} (billing declines them, fulfilment releases their stock: the rejection path). Every order has its
 * own {@code Idempotency-Key}.
 */
public final class OrderMix {

    static final List<String> SKUS = List.of("BOOK-0001", "BOOK-0002", "BOOK-0003", "BOOK-0004", "BOOK-0005",
            "BOOK-0006", "BOOK-0007", "BOOK-0008", "BOOK-0009", "BOOK-0010", "MUG-0042");

    private final double declineShare;

    public OrderMix(double declineShare) {
        if (declineShare < 0 || declineShare > 1) {
            throw new IllegalArgumentException("decline share must be within 0..1");
        }
        this.declineShare = declineShare;
    }

    public record Order(String idempotencyKey, String json) {
    }

    public Order next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String customer = random.nextDouble() < declineShare ? "decline-" + random.nextInt(1, 500)
                : "cust-" + random.nextInt(1, 5001);
        String currency = random.nextInt(10) == 0 ? "EUR" : "GBP";
        int lines = random.nextInt(1, 4);
        int first = random.nextInt(SKUS.size());
        StringBuilder json = new StringBuilder(256).append("{\"customerId\":\"").append(customer)
                .append("\",\"currency\":\"").append(currency).append("\",\"lines\":[");
        for (int l = 0; l < lines; l++) {
            // distinct SKUs: one SKU on two lines is refused (422)
            String sku = SKUS.get((first + l * 3) % SKUS.size());
            if (l > 0) {
                json.append(',');
            }
            json.append("{\"sku\":\"").append(sku).append("\",\"quantity\":").append(random.nextInt(1, 4))
                    .append(",\"unitPrice\":").append(price(sku)).append('}');
        }
        json.append("]}");
        return new Order("bench-" + UUID.randomUUID(), json.toString());
    }

    static String price(String sku) {
        int n = Math.floorMod(sku.hashCode(), 2000);
        return String.format(Locale.ROOT, "%d.%02d", 5 + n / 100, n % 100);
    }
}
