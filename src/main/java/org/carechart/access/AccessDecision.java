package org.carechart.access;

import java.util.Set;
import java.util.UUID;

/**
 * The answer of {@link AccessPolicy}: allowed or not, on which basis, and for reads what the caller
 * sees ({@link Visibility}: the open categories and, per category, whether entries marked sensitive
 * show). {@code proxyLinkId} names the proxy link a proxy decision rests on: what a proxy creates
 * (grants, share links) carries that link's authority and ends with it.
 */
public record AccessDecision(boolean allowed, Basis basis, Visibility visibility, UUID proxyLinkId,
                             boolean callerMayKnowPatient, String reason) {

    public static AccessDecision allow(Basis basis, Visibility visibility) {
        return new AccessDecision(true, basis, visibility, null, true, basis.plainWords());
    }

    public static AccessDecision allow(Basis basis, Set<DataCategory> categories, boolean hideSensitive) {
        return allow(basis, Visibility.of(categories, hideSensitive));
    }

    public static AccessDecision deny(boolean callerMayKnowPatient, String reason) {
        return new AccessDecision(false, Basis.NONE, Visibility.NONE, null, callerMayKnowPatient, reason);
    }

    AccessDecision viaProxyLink(UUID linkId) {
        return new AccessDecision(allowed, basis, visibility, linkId, callerMayKnowPatient, reason);
    }

    /** The open categories. */
    public Set<DataCategory> categories() {
        return visibility.categories();
    }

    /** True when entries marked sensitive hide in some open category. */
    public boolean hideSensitive() {
        return visibility.hidesSomeSensitive();
    }

    /** The same basis, open only for the categories that are also in {@code within} (an app token's scopes). */
    AccessDecision within(Set<DataCategory> within) {
        Set<DataCategory> open = java.util.EnumSet.noneOf(DataCategory.class);
        visibility.categories().stream().filter(within::contains).forEach(open::add);
        Set<DataCategory> sensitive = java.util.EnumSet.noneOf(DataCategory.class);
        visibility.sensitiveShown().stream().filter(within::contains).forEach(sensitive::add);
        return new AccessDecision(allowed, basis, new Visibility(open, sensitive), proxyLinkId, callerMayKnowPatient, reason);
    }

    public boolean covers(DataCategory category) {
        return allowed && (category == null || visibility.categories().contains(category));
    }
}
