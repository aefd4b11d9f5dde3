package org.carechart.access;

import java.util.Locale;
import java.util.Optional;

/** How a proxy is related to the patient they act for. Parents and guardians of a 12-17 year-old do not see sensitive entries. */
public enum ProxyRelationship {
    PARENT, GUARDIAN, CAREGIVER;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ProxyRelationship> fromCode(String code) {
        for (ProxyRelationship relationship : values()) {
            if (relationship.code().equals(code)) {
                return Optional.of(relationship);
            }
        }
        return Optional.empty();
    }
}
