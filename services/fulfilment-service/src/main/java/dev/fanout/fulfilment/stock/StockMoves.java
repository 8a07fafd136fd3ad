package dev.fanout.fulfilment.stock;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.fanout.events.inventory.StockItem;
import dev.fanout.kit.consumer.PermanentEventException;

/**
 * Moving an order's units between available, reserved and shipped, on rows already locked by
 * {@link StockLevel#lock}.
 */
public final class StockMoves {

    /** One movement of {@link Quantities}: reserve, release, ship. */
    @FunctionalInterface
    public interface Move {
        Quantities apply(Quantities quantities, int units);
    }

    private StockMoves() {
    }

    /** Applies {@code move} to every line; returns the units moved. A SKU without a row is a violation. */
    public static long apply(Map<String, StockLevel> levels, List<Allocation.Line> lines, Move move, Instant at) {
        long units = 0;
        for (Allocation.Line line : lines) {
            StockLevel level = levels.get(line.sku());
            if (level == null) {
                throw new Allocation.Violation(line.sku() + " is not in the catalogue");
            }
            level.set(move.apply(level.quantities(), line.quantity()), at);
            units += line.quantity();
        }
        return units;
    }

    public static List<String> skus(List<Allocation.Line> lines) {
        return lines.stream().map(Allocation.Line::sku).toList();
    }

    public static List<StockItem> items(List<Allocation.Line> lines) {
        return lines.stream().map(l -> new StockItem(l.sku(), l.quantity())).toList();
    }

    /**
     * Runs a rule; a {@link Allocation.Violation} becomes a {@link PermanentEventException} (the event goes to the
     * dead-letter topic with this sentence as its cause, and the consumer moves on).
     */
    public static <T> T lawful(String doing, Supplier<T> rule) {
        try {
            return rule.get();
        } catch (Allocation.Violation e) {
            throw new PermanentEventException(doing + ": " + e.getMessage(), e);
        }
    }
}
