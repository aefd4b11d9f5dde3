package org.carechart.common;

import java.time.Instant;

/**
 * The window every instant a client sends must fall in: from 1800-01-01 (before any living person's
 * birth) to the end of year 9999. Java and PostgreSQL both hold far more (PostgreSQL turns what it
 * cannot hold into {@code infinity}, which then breaks arithmetic on the way back); inside this window
 * every conversion (epoch millis, cursors, timestamptz) is exact. The database enforces the same window
 * with CHECK constraints (V71).
 */
public final class Instants {

    public static final Instant MIN = Instant.parse("1800-01-01T00:00:00Z");
    /** Exclusive. */
    public static final Instant MAX = Instant.parse("+10000-01-01T00:00:00Z");
    public static final String RULE = "must be between 1800-01-01T00:00:00Z and 9999-12-31T23:59:59Z";

    private Instants() {
    }

    public static boolean inWindow(Instant instant) {
        return instant == null || (!instant.isBefore(MIN) && instant.isBefore(MAX));
    }

    /** The instant of a query parameter or form field: null when absent, else parsed and in the window, or a 400 naming {@code field}. */
    public static Instant parse(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(value.trim());
        } catch (RuntimeException e) {
            throw ProblemException.invalid(field, "must be an ISO-8601 instant such as 2026-01-31T09:30:00Z");
        }
        if (!inWindow(instant)) {
            throw ProblemException.invalid(field, RULE);
        }
        return instant;
    }
}
