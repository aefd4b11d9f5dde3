package org.carechart.access;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Who hears of a patient's events. Lives beside the access policy because it reads the same
 * facts (proxy links, care teams, grants); notification asks here and never reads them itself.
 */
@ApplicationScoped
public class Audience {

    /** People get an inbox entry; apps get webhook deliveries. */
    public record Recipients(Set<UUID> people, Set<UUID> apps) {
        public Recipients {
            people = Set.copyOf(people);
            apps = Set.copyOf(apps);
        }
    }

    @Inject
    AudienceRepository repository;

    @Inject
    AudienceReach reach;

    /**
     * The recipients of an event about this patient and category, read in the caller's current
     * transaction (so a link created in the same transaction counts). Apps only for a category their
     * grant covers.
     */
    public Uni<Recipients> of(UUID patientId, String category) {
        return of(patientId, category, false);
    }

    /**
     * As {@link #of(UUID, String)}; when the event is about an entry marked sensitive, proxies whose
     * view hides sensitive entries (a parent or guardian of a 12-17-year-old, the policy's rule) are
     * left out, and so are apps whose grant was made by such a parent: they may not see the entry,
     * so they must not learn that it exists.
     */
    public Uni<Recipients> of(UUID patientId, String category, boolean sensitive) {
        if (patientId == null) {
            return Uni.createFrom().item(new Recipients(Set.of(), Set.of()));
        }
        Instant now = Instant.now();
        return repository.audience(patientId, category, sensitive).map(rows -> {
            Set<UUID> people = new LinkedHashSet<>();
            Set<UUID> apps = new LinkedHashSet<>();
            for (AudienceRepository.Member member : rows) {
                if (sensitive && AccessPolicy.hidesSensitive(member.relationship(), member.birthDate(), now)) {
                    continue;
                }
                (member.app() ? apps : people).add(member.id());
            }
            return new Recipients(people, apps);
        });
    }

    /** Of these patients, the ones whose events the account may still be told of (own connection, no transaction). */
    public Uni<Set<UUID>> stillReaches(UUID accountId, Collection<UUID> patientIds) {
        if (patientIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return reach.reached(accountId, patientIds);
    }

    /** Whether the app still holds an active grant covering this patient's category (own connection). */
    public Uni<Boolean> appStillGranted(UUID appAccountId, UUID patientId, String category) {
        if (patientId == null) {
            return Uni.createFrom().item(false);
        }
        return reach.appGranted(appAccountId, patientId, category);
    }
}
