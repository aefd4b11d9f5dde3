package org.carechart.identity;

import java.util.Locale;
import java.util.Optional;

/** The roles a token may carry in its {@code groups} claim. */
public enum Role {
    PATIENT, PROVIDER, STAFF, ADMIN, APP;

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
