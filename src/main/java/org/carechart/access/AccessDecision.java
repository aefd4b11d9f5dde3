package org.carechart.access;

import java.util.Set;

/**
 * The answer of {@link AccessPolicy}: allowed or not, on which basis, and for reads which
 * categories are open and whether entries marked sensitive must be hidden (a parent proxy of a
 * minor aged 12 to 17).
 */
public record AccessDecision(boolean allowed, Basis basis, Set<DataCategory> categories, boolean hideSensitive,
                             boolean callerMayKnowPatient, String reason) {

    public AccessDecision {
        categories = Set.copyOf(categories);
    }

    public static AccessDecision allow(Basis basis, Set<DataCategory> categories, boolean hideSensitive) {
        return new AccessDecision(true, basis, categories, hideSensitive, true, basis.plainWords());
    }

    public static AccessDecision deny(boolean callerMayKnowPatient, String reason) {
        return new AccessDecision(false, Basis.NONE, Set.of(), false, callerMayKnowPatient, reason);
    }

    /** The same basis, open only for the categories that are also in {@code within} (an app token's scopes). */
    AccessDecision within(Set<DataCategory> within) {
        Set<DataCategory> narrowed = java.util.EnumSet.noneOf(DataCategory.class);
        categories.stream().filter(within::contains).forEach(narrowed::add);
        return new AccessDecision(allowed, basis, narrowed, hideSensitive, callerMayKnowPatient, reason);
    }

    public boolean covers(DataCategory category) {
        return allowed && (category == null || categories.contains(category));
    }
}
