package dev.fanout.kit.persistence;

import java.sql.SQLException;

import io.vertx.pgclient.PgException;

/**
 * Reads PostgreSQL errors out of whatever wrapped them: Hibernate Reactive turns the Vert.x {@link PgException}
 * into a {@link SQLException} inside its own exceptions; the plain reactive client throws the PgException itself.
 */
public final class PgErrors {

    public static final String UNIQUE_VIOLATION = "23505";

    private PgErrors() {
    }

    /** The SQLSTATE of the first database error in the cause chain, or null. */
    public static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg) {
                return pg.getSqlState();
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /** Whether {@code failure} is a unique violation, optionally of one named constraint. */
    public static boolean isUniqueViolation(Throwable failure, String constraint) {
        if (!UNIQUE_VIOLATION.equals(sqlState(failure))) {
            return false;
        }
        if (constraint == null) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && constraint.equals(pg.getConstraint())) {
                return true;
            }
            if (String.valueOf(t.getMessage()).contains("\"" + constraint + "\"")) {
                return true;
            }
        }
        return false;
    }
}
