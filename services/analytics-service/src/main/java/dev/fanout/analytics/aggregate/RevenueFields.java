package dev.fanout.analytics.aggregate;

import java.util.Map;
import java.util.TreeMap;

/**
 * The revenue hash of a generation: per currency, {@code <CUR>} net revenue (confirmed minus voids),
 * {@code <CUR>:gross} confirmed revenue, {@code <CUR>:orders} confirmed orders, all in integer minor units.
 */
public final class RevenueFields {

    public static final String GROSS_SUFFIX = ":gross";
    public static final String ORDERS_SUFFIX = ":orders";

    /** One currency's numbers. */
    public record CurrencyRevenue(String currency, long net, long gross, long orders) {

        /** What voids took away: confirmed minus net. */
        public long voided() {
            return gross - net;
        }
    }

    private RevenueFields() {
    }

    /** The hash, read back per currency, sorted by currency code. */
    public static Map<String, CurrencyRevenue> read(Map<String, String> fields) {
        Map<String, long[]> numbers = new TreeMap<>();
        fields.forEach((field, value) -> {
            long n = Long.parseLong(value);
            if (field.endsWith(GROSS_SUFFIX)) {
                numbers.computeIfAbsent(field.substring(0, field.length() - GROSS_SUFFIX.length()),
                        c -> new long[3])[1] = n;
            } else if (field.endsWith(ORDERS_SUFFIX)) {
                numbers.computeIfAbsent(field.substring(0, field.length() - ORDERS_SUFFIX.length()),
                        c -> new long[3])[2] = n;
            } else {
                numbers.computeIfAbsent(field, c -> new long[3])[0] = n;
            }
        });
        Map<String, CurrencyRevenue> result = new TreeMap<>();
        numbers.forEach((currency, n) -> result.put(currency, new CurrencyRevenue(currency, n[0], n[1], n[2])));
        return result;
    }
}
