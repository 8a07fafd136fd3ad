package dev.fanout.fulfilment.stock;

/**
 * The stock of one SKU: every unit ever received ({@code initial}: the seed plus restocks) is available, reserved or
 * shipped, and none of them is ever negative. Each movement keeps that true or refuses.
 */
public record Quantities(int available, int reserved, int shipped, int initial) {

    public Quantities {
        if (available < 0 || reserved < 0 || shipped < 0 || initial < 0) {
            throw new Allocation.Violation("stock cannot be negative: " + describe(available, reserved, shipped,
                    initial));
        }
        if ((long) available + reserved + shipped != initial) {
            throw new Allocation.Violation("stock not conserved: " + describe(available, reserved, shipped, initial));
        }
    }

    public static Quantities fresh(int initial) {
        return new Quantities(initial, 0, 0, initial);
    }

    /** Available to reserved. */
    public Quantities reserve(int units) {
        positive(units);
        if (units > available) {
            throw new Allocation.Violation("cannot reserve " + units + ", only " + available + " available");
        }
        return new Quantities(available - units, reserved + units, shipped, initial);
    }

    /** Reserved back to available. */
    public Quantities release(int units) {
        positive(units);
        if (units > reserved) {
            throw new Allocation.Violation("cannot release " + units + ", only " + reserved + " reserved");
        }
        return new Quantities(available + units, reserved - units, shipped, initial);
    }

    /** Reserved to shipped. */
    public Quantities ship(int units) {
        positive(units);
        if (units > reserved) {
            throw new Allocation.Violation("cannot ship " + units + ", only " + reserved + " reserved");
        }
        return new Quantities(available, reserved - units, shipped + units, initial);
    }

    /** New units received: more available, more received in all. */
    public Quantities restock(int units) {
        positive(units);
        if ((long) initial + units > Integer.MAX_VALUE) {
            throw new Allocation.Violation("cannot hold more than " + Integer.MAX_VALUE + " units of one SKU");
        }
        return new Quantities(available + units, reserved, shipped, initial + units);
    }

    private static void positive(int units) {
        if (units < 1) {
            throw new Allocation.Violation("a quantity must be positive, got " + units);
        }
    }

    private static String describe(long available, long reserved, long shipped, long initial) {
        return "available " + available + ", reserved " + reserved + ", shipped " + shipped + ", initial " + initial;
    }
}
