package org.carechart.access;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The kinds of health data a decision, a grant or a share link is about. */
public enum DataCategory {
    DEMOGRAPHICS, ENCOUNTER, CONDITION, MEDICATION, ALLERGY, IMMUNIZATION, OBSERVATION, NOTE, DOCUMENT, PROCEDURE, COVERAGE;

    public static final Set<DataCategory> ALL = EnumSet.allOf(DataCategory.class);

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DataCategory> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        for (DataCategory category : values()) {
            if (category.code().equals(code)) {
                return Optional.of(category);
            }
        }
        return Optional.empty();
    }
}
