package org.carechart.embedded;

/**
 * The embedded PostgreSQL cannot start on this machine or in this build; the message is one line
 * that says what to do instead, for a person to read (no stack trace).
 */
public final class EmbeddedDatabaseUnavailable extends RuntimeException {

    EmbeddedDatabaseUnavailable(String message) {
        super(message, null, false, false);
    }
}
