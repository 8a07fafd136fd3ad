package dev.fanout.analytics.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import dev.fanout.kit.problem.ProblemException;

/** Query and path parameters, read by hand so that every mistake is a 400 problem that says what to send. */
final class Params {

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;

    private Params() {
    }

    /** {@code ?generation=N}: null when absent (serve the active generation). */
    static Integer generation(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return positive("generation", raw);
    }

    static int positive(String name, String raw) {
        try {
            int n = Integer.parseInt(raw.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw ProblemException.badRequest("'" + name + "' must be a positive integer, got '" + raw + "'");
    }

    /** {@code ?limit=}: 1 to 100, 10 when absent. */
    static int limit(String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(raw.strip());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw ProblemException.badRequest("'limit' must be an integer from 1 to " + MAX_LIMIT + ", got '" + raw
                + "'");
    }

    /** A required ISO-8601 instant ({@code 2026-11-26T09:00:00Z}; an offset such as {@code +01:00} is accepted). */
    static Instant instant(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            throw ProblemException.badRequest("'" + name + "' is required: an ISO-8601 instant such as "
                    + "2026-11-26T09:00:00Z");
        }
        try {
            return Instant.parse(raw.strip());
        } catch (DateTimeParseException notAnInstant) {
            try {
                return OffsetDateTime.parse(raw.strip()).toInstant();
            } catch (DateTimeParseException e) {
                throw ProblemException.badRequest("'" + name + "' must be an ISO-8601 instant such as "
                        + "2026-11-26T09:00:00Z, got '" + raw + "'");
            }
        }
    }

    static UUID uuid(String name, String raw) {
        try {
            UUID id = UUID.fromString(raw);
            if (id.toString().equalsIgnoreCase(raw)) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // below
        }
        throw ProblemException.badRequest("'" + name + "' must be a UUID, got '" + raw + "'");
    }
}
