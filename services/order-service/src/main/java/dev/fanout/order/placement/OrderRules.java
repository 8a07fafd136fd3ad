package dev.fanout.order.placement;

import java.math.BigDecimal;
import java.util.Set;
import java.util.TreeSet;

/** The limits an order must respect; plain values so the validator is a plain function. */
public record OrderRules(Set<String> currencies, int maxLines, int maxQuantity, BigDecimal maxUnitPrice) {

    public OrderRules {
        currencies = Set.copyOf(currencies);
    }

    String acceptedCurrencies() {
        return String.join(", ", new TreeSet<>(currencies));
    }
}
