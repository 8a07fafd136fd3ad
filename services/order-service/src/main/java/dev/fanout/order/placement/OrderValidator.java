package dev.fanout.order.placement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.fanout.kit.problem.Problem.FieldError;
import dev.fanout.kit.problem.ProblemException;
import dev.fanout.order.api.PlaceOrderRequest;

/**
 * Decides whether a {@code POST /orders} body is an order we accept. Reports every problem at once, each with the
 * JSON path of the field, so a client fixes its request in one round trip.
 */
public final class OrderValidator {

    static final int MAX_ID_LENGTH = 64;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]*");

    private final OrderRules rules;

    public OrderValidator(OrderRules rules) {
        this.rules = rules;
    }

    public ValidatedOrder validate(PlaceOrderRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("a JSON body is required: {customerId, currency, lines: [{sku, "
                    + "quantity, unitPrice}]}");
        }
        List<FieldError> errors = new ArrayList<>();
        identifier("customerId", request.customerId(), errors);
        Integer minorUnits = currency(request.currency(), errors);

        List<ValidatedOrder.Line> lines = new ArrayList<>();
        if (request.lines() == null || request.lines().isEmpty()) {
            errors.add(new FieldError("lines", "at least one line is required"));
        } else if (request.lines().size() > rules.maxLines()) {
            errors.add(new FieldError("lines", "at most " + rules.maxLines() + " lines per order, got "
                    + request.lines().size()));
        } else {
            Map<String, Integer> firstLineOfSku = new HashMap<>();
            for (int i = 0; i < request.lines().size(); i++) {
                ValidatedOrder.Line line = line(i, request.lines().get(i), minorUnits, firstLineOfSku, errors);
                if (line != null) {
                    lines.add(line);
                }
            }
        }
        if (!errors.isEmpty()) {
            String detail = errors.stream().limit(5).map(e -> e.field() + " " + e.message())
                    .collect(Collectors.joining("; "));
            throw ProblemException.invalid(errors.size() == 1 ? detail
                    : errors.size() + " invalid fields: " + detail + (errors.size() > 5 ? "; ..." : ""), errors);
        }
        BigDecimal total = lines.stream().map(l -> l.unitPrice().multiply(BigDecimal.valueOf(l.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(minorUnits, RoundingMode.UNNECESSARY);
        return new ValidatedOrder(request.customerId(), request.currency(), lines, total);
    }

    private ValidatedOrder.Line line(int index, PlaceOrderRequest.Line line, Integer minorUnits,
            Map<String, Integer> firstLineOfSku, List<FieldError> errors) {
        String path = "lines[" + index + "]";
        if (line == null) {
            errors.add(new FieldError(path, "must be an object {sku, quantity, unitPrice}"));
            return null;
        }
        int before = errors.size();
        if (identifier(path + ".sku", line.sku(), errors)) {
            Integer first = firstLineOfSku.putIfAbsent(line.sku(), index);
            if (first != null) {
                errors.add(new FieldError(path + ".sku", "repeats lines[" + first + "]; put the quantities of one "
                        + "SKU on one line"));
            }
        }
        if (line.quantity() == null) {
            errors.add(new FieldError(path + ".quantity", "is required"));
        } else if (line.quantity() < 1) {
            errors.add(new FieldError(path + ".quantity", "must be at least 1, got " + line.quantity()));
        } else if (line.quantity() > rules.maxQuantity()) {
            errors.add(new FieldError(path + ".quantity", "must be at most " + rules.maxQuantity() + ", got "
                    + line.quantity()));
        }
        BigDecimal price = line.unitPrice();
        if (price == null) {
            errors.add(new FieldError(path + ".unitPrice", "is required"));
        } else if (price.signum() < 0) {
            errors.add(new FieldError(path + ".unitPrice", "must not be negative, got " + price.toPlainString()));
        } else if (price.compareTo(rules.maxUnitPrice()) > 0) {
            errors.add(new FieldError(path + ".unitPrice", "must be at most " + rules.maxUnitPrice().toPlainString()
                    + ", got " + price.toPlainString()));
        } else if (minorUnits != null && price.stripTrailingZeros().scale() > minorUnits) {
            errors.add(new FieldError(path + ".unitPrice", "has more decimals than the currency allows ("
                    + minorUnits + "), got " + price.toPlainString()));
        }
        if (errors.size() > before) {
            return null;
        }
        return new ValidatedOrder.Line(line.sku(), line.quantity(), price.setScale(minorUnits == null ? 2 : minorUnits,
                RoundingMode.UNNECESSARY));
    }

    /** Returns the currency's minor units when it is one we sell in. */
    private Integer currency(String code, List<FieldError> errors) {
        if (code == null || code.isBlank()) {
            errors.add(new FieldError("currency", "is required (one of " + rules.acceptedCurrencies() + ")"));
            return null;
        }
        if (!rules.currencies().contains(code)) {
            errors.add(new FieldError("currency", "'" + code + "' is not a currency we accept (one of "
                    + rules.acceptedCurrencies() + ")"));
            return null;
        }
        return Currency.getInstance(code).getDefaultFractionDigits();
    }

    /** Whether {@code value} is a well-formed customer id or SKU. */
    public static boolean isIdentifier(String value) {
        return value != null && value.length() <= MAX_ID_LENGTH && ID.matcher(value).matches();
    }

    private static boolean identifier(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
            return false;
        }
        if (value.length() > MAX_ID_LENGTH) {
            errors.add(new FieldError(field, "must be at most " + MAX_ID_LENGTH + " characters, got "
                    + value.length()));
            return false;
        }
        if (!ID.matcher(value).matches()) {
            errors.add(new FieldError(field, "may only contain letters, digits and . _ : - (and start with a letter "
                    + "or digit)"));
            return false;
        }
        return true;
    }
}
