package org.carechart.access;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What one query tells about a caller and a patient: the facts every rule reads. The links keep
 * their start and end so the rules (not the query) decide what is in force at a given instant,
 * and can be tested as a pure function.
 */
record AccessFacts(UUID patientId, UUID patientOrganizationId, LocalDate birthDate, List<ProxyFact> proxyLinks,
                   List<Span> careTeamLinks, List<Span> breakGlassSessions, List<GrantFact> grants) {

    AccessFacts {
        proxyLinks = List.copyOf(proxyLinks);
        careTeamLinks = List.copyOf(careTeamLinks);
        breakGlassSessions = List.copyOf(breakGlassSessions);
        grants = List.copyOf(grants);
    }

    /** A period from {@code start} (inclusive) to {@code end} (exclusive; null means open-ended). */
    record Span(Instant start, Instant end) {
        boolean activeAt(Instant now) {
            return !start.isAfter(now) && (end == null || end.isAfter(now));
        }
    }

    /** A proxy link; {@code id} is what the proxy's grants and share links name as their authority. */
    record ProxyFact(UUID id, String relationship, Span span) {
        ProxyFact(String relationship, Span span) {
            this(null, relationship, span);
        }
    }

    /**
     * A grant to the caller or the caller's organization; {@code expiresAt} null means until revoked;
     * {@code hidesSensitive} when a parent proxy of a 12-17-year-old made it; {@code authorityEndsAt}
     * the end of the proxy link it was made under (null: made by the patient, or the link is open).
     */
    record GrantFact(Set<DataCategory> categories, Instant expiresAt, boolean hidesSensitive, Instant authorityEndsAt, UUID id) {
        GrantFact {
            categories = Set.copyOf(categories);
        }

        GrantFact(Set<DataCategory> categories, Instant expiresAt, boolean hidesSensitive, Instant authorityEndsAt) {
            this(categories, expiresAt, hidesSensitive, authorityEndsAt, null);
        }

        GrantFact(Set<DataCategory> categories, Instant expiresAt, boolean hidesSensitive) {
            this(categories, expiresAt, hidesSensitive, null);
        }

        GrantFact(Set<DataCategory> categories, Instant expiresAt) {
            this(categories, expiresAt, false, null);
        }

        /** In force: not expired, and the authority it was made under has not ended. */
        boolean activeAt(Instant now) {
            return (expiresAt == null || expiresAt.isAfter(now)) && (authorityEndsAt == null || authorityEndsAt.isAfter(now));
        }

        /** The Java form of {@link AccessPolicy#grantShowsSql}: this grant shows an entry of the category. */
        boolean shows(DataCategory category, boolean sensitive) {
            return categories.contains(category) && !(sensitive && hidesSensitive);
        }
    }
}
