package dev.fanout.fulfilment.stock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Fulfilment's rules, as pure functions of what is known (no framework, no database):
 * <ul>
 * <li>a placed order is reserved in full or not at all: every SKU known and enough of each available, else nothing
 * is reserved and every shortage is reported ({@code UNKNOWN_SKU} when any SKU is not in the catalogue, else
 * {@code OUT_OF_STOCK});</li>
 * <li>a rejected order's reservation is released once; an order rejected before it was seen placed leaves a
 * tombstone, and its late OrderPlaced is refused ({@code ORDER_CANCELLED});</li>
 * <li>a confirmed order's reservation is dispatched once; confirming an order that holds no reservation is a
 * contradiction (a {@link Violation}), never something to retry.</li>
 * </ul>
 */
public final class Allocation {

    public static final String OUT_OF_STOCK = "OUT_OF_STOCK";
    public static final String UNKNOWN_SKU = "UNKNOWN_SKU";
    public static final String ORDER_CANCELLED = "ORDER_CANCELLED";

    /** Shortages listed one by one in a rejection message before "and N more". */
    static final int MESSAGE_SHORTAGES = 10;

    /** {@code quantity} units of {@code sku}: one line of an order's demand. */
    public record Line(String sku, int quantity) {
    }

    /** {@code requested} units of {@code sku}, {@code available} in stock (0 for an unknown SKU). */
    public record Shortage(String sku, int requested, int available) {
    }

    /** What to do with a placed order's demand. */
    public sealed interface Decision permits Reserve, Reject {
    }

    /** Reserve every line. */
    public record Reserve(List<Line> lines) implements Decision {
    }

    /** Reserve nothing, and say why. */
    public record Reject(String reason, String message, List<Shortage> shortages) implements Decision {
    }

    /** An event that contradicts what fulfilment knows: a bug upstream, never something to retry. */
    public static final class Violation extends RuntimeException {
        public Violation(String message) {
            super(message);
        }
    }

    /** What an OrderPlaced does, given the order's reservation. */
    public enum OnPlaced {
        /** First time: decide with {@link #decide}. */
        ALLOCATE,
        /** A tombstone not answered yet: refuse with ORDER_CANCELLED. */
        REFUSE_CANCELLED,
        /** Already answered (a second OrderPlaced for the order): no second effect. */
        ALREADY_ANSWERED
    }

    /** What an OrderRejected does, given the order's reservation. */
    public enum OnRejected {
        /** Reserved: stock back to available, StockReleased. */
        RELEASE,
        /** Never seen placed: record a tombstone. */
        TOMBSTONE,
        /** Nothing held (stock refused, already released, already a tombstone). */
        NOTHING
    }

    /** What an OrderConfirmed does, given the order's reservation. */
    public enum OnConfirmed {
        DISPATCH, NOTHING
    }

    private Allocation() {
    }

    /**
     * The demand of an order: its lines, with the quantities of one SKU summed (in the order SKUs first appear).
     * An order asking for more units of one SKU than an int holds is a violation.
     */
    public static List<Line> demand(List<Line> orderLines) {
        if (orderLines == null || orderLines.isEmpty()) {
            throw new Violation("an order has at least one line");
        }
        Map<String, Long> perSku = new LinkedHashMap<>();
        for (Line line : orderLines) {
            if (line.quantity() < 1) {
                throw new Violation(line.sku() + ": quantity must be positive, got " + line.quantity());
            }
            perSku.merge(line.sku(), (long) line.quantity(), Long::sum);
        }
        List<Line> demand = new ArrayList<>(perSku.size());
        perSku.forEach((sku, quantity) -> {
            if (quantity > Integer.MAX_VALUE) {
                throw new Violation(sku + ": " + quantity + " units requested, more than one order can ask for");
            }
            demand.add(new Line(sku, quantity.intValue()));
        });
        return List.copyOf(demand);
    }

    /**
     * All or nothing: reserve when every SKU of the demand is known ({@code available} has it) and has enough units
     * available; otherwise reject, listing every line that cannot be served.
     *
     * @param demand    from {@link #demand}: one line per SKU
     * @param available units available per known SKU (a SKU missing here is not in the catalogue)
     */
    public static Decision decide(List<Line> demand, Map<String, Integer> available) {
        List<Shortage> shortages = new ArrayList<>();
        boolean unknown = false;
        for (Line line : demand) {
            Integer have = available.get(line.sku());
            if (have == null) {
                unknown = true;
                shortages.add(new Shortage(line.sku(), line.quantity(), 0));
            } else if (have < line.quantity()) {
                shortages.add(new Shortage(line.sku(), line.quantity(), have));
            }
        }
        if (shortages.isEmpty()) {
            return new Reserve(demand);
        }
        return new Reject(unknown ? UNKNOWN_SKU : OUT_OF_STOCK, message(shortages, available.keySet()),
                List.copyOf(shortages));
    }

    /** {@code LAMP-0007: 3 requested, 1 available; NOPE-1: not in the catalogue}. */
    static String message(List<Shortage> shortages, Set<String> known) {
        String listed = shortages.stream().limit(MESSAGE_SHORTAGES)
                .map(s -> s.sku() + ": " + (known.contains(s.sku())
                        ? s.requested() + " requested, " + s.available() + " available"
                        : "not in the catalogue"))
                .collect(Collectors.joining("; "));
        int more = shortages.size() - MESSAGE_SHORTAGES;
        return more > 0 ? listed + "; and " + more + " more" : listed;
    }

    /** The sentence of an ORDER_CANCELLED rejection. */
    public static String cancelledMessage(UUID orderId) {
        return "order " + orderId + " was rejected before its stock was reserved";
    }

    /** @param status the order's reservation status, null when there is none */
    public static OnPlaced placed(ReservationStatus status, boolean answered) {
        if (status == null) {
            return OnPlaced.ALLOCATE;
        }
        return status == ReservationStatus.CANCELLED && !answered ? OnPlaced.REFUSE_CANCELLED
                : OnPlaced.ALREADY_ANSWERED;
    }

    /** @param status the order's reservation status, null when there is none */
    public static OnRejected rejected(ReservationStatus status) {
        if (status == null) {
            return OnRejected.TOMBSTONE;
        }
        return switch (status) {
            case RESERVED -> OnRejected.RELEASE;
            case REJECTED, CANCELLED, RELEASED -> OnRejected.NOTHING;
            case DISPATCHED -> throw new Violation("its stock was already dispatched, it cannot be rejected now");
        };
    }

    /** @param status the order's reservation status, null when there is none */
    public static OnConfirmed confirmed(ReservationStatus status) {
        if (status == null) {
            throw new Violation("it holds no reservation");
        }
        return switch (status) {
            case RESERVED -> OnConfirmed.DISPATCH;
            case DISPATCHED -> OnConfirmed.NOTHING;
            case RELEASED -> throw new Violation("its reservation was released (the order was rejected)");
            case REJECTED -> throw new Violation("its stock was refused, nothing is reserved");
            case CANCELLED -> throw new Violation("it was rejected before its stock was reserved");
        };
    }
}
