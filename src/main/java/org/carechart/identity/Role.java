package org.carechart.identity;

import java.util.Locale;
import java.util.Optional;

/**
 * The roles a token may carry in its {@code groups} claim. {@code QUALITY} is a quality monitor's
 * SMART Backend Services token (aggregate scopes only, {@code access.SmartScopes#aggregateOnly}): it sees
 * measure reports, never a chart, a patient or an identifier.
 */
public enum Role {
    PATIENT, PROVIDER, STAFF, ADMIN, APP, QUALITY;

    public String claim() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromClaim(String value) {
        for (Role role : values()) {
            if (role.claim().equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
