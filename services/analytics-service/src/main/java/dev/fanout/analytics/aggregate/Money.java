package dev.fanout.analytics.aggregate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Currency;
import java.util.regex.Pattern;

import dev.fanout.kit.consumer.PermanentEventException;

/**
 * Money as integer minor units of its currency (pence, cents, yen, fils), never as floating point. An amount that
 * cannot be counted exactly (an unknown currency, more decimals than the currency has, a negative amount, more
 * than 2^53 units) is a business-invalid event: it goes to the dead-letter topic instead of into the numbers.
 */
public final class Money {

    /** Largest count of minor units kept: Redis' Lua works with doubles, exact up to 2^53. */
    public static final long MAX_UNITS = (1L << 53) - 1;
    /** Scale of amounts whose currency is not given (a void without currency): millionths of a unit. */
    public static final int MICRO_SCALE = 6;

    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");

    private Money() {
    }

    /** The minor-unit digits of an ISO 4217 currency (GBP 2, JPY 0, BHD 3). */
    public static int fractionDigits(String currency) {
        if (currency == null || !CODE.matcher(currency).matches()) {
            throw new PermanentEventException("'" + currency + "' is not an ISO 4217 currency code");
        }
        int digits;
        try {
            digits = Currency.getInstance(currency).getDefaultFractionDigits();
        } catch (IllegalArgumentException e) {
            throw new PermanentEventException("unknown currency " + currency);
        }
        if (digits < 0 || digits > MICRO_SCALE) {
            throw new PermanentEventException(currency + " is not a currency with minor units (e.g. a metal or a "
                    + "test code): it cannot be counted as revenue");
        }
        return digits;
    }

    /** {@code amount} of {@code currency} in minor units: 33.99 GBP is 3399, 1200 JPY is 1200, 1.005 BHD is 1005. */
    public static long toMinorUnits(BigDecimal amount, String currency) {
        int digits = fractionDigits(currency);
        return exact(amount, digits, amount + " " + currency, currency + " has " + digits + " decimal"
                + (digits == 1 ? "" : "s"));
    }

    /** {@code amount} in millionths of a unit, for an amount whose currency is not known. */
    public static long toMicros(BigDecimal amount) {
        return exact(amount, MICRO_SCALE, String.valueOf(amount), "at most " + MICRO_SCALE + " decimals are kept");
    }

    /** Minor units back to a plain decimal: 3399 with 2 digits is "33.99". */
    public static String format(long minorUnits, int digits) {
        return BigDecimal.valueOf(minorUnits, digits).toPlainString();
    }

    private static long exact(BigDecimal amount, int scale, String what, String why) {
        if (amount == null) {
            throw new PermanentEventException("amount missing");
        }
        if (amount.signum() < 0) {
            throw new PermanentEventException("negative amount " + what);
        }
        BigInteger units;
        try {
            units = amount.movePointRight(scale).toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new PermanentEventException("amount " + what + " has more decimals than can be counted exactly ("
                    + why + ")");
        }
        if (units.bitLength() > 53) {
            throw new PermanentEventException("amount " + what + " is too large to be counted exactly");
        }
        return units.longValueExact();
    }
}
