package org.carechart.sharing;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.access.GrantService;
import org.carechart.notification.EventDraft;
import org.carechart.notification.EventKind;
import org.carechart.notification.Events;

/**
 * Tells patients when a grant has run out. Expiry itself needs no job (the access policy compares
 * the expiry with the clock on every decision); this only announces it, once per grant.
 */
@ApplicationScoped
public class GrantExpiryAnnouncer {

    private static final int BATCH = 100;

    @Inject
    GrantService grants;

    @Inject
    Events events;

    @Scheduled(identity = "grant-expiry-announcer", every = "${carechart.sharing.grant-expiry-check-every:60s}",
            delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return announce().replaceWithVoid();
    }

    /** Announces up to one batch of newly expired grants, in one transaction; answers how many. */
    @WithTransaction
    public Uni<Integer> announce() {
        return grants.claimNewlyExpired(BATCH)
                .chain(expired -> Multi.createFrom().iterable(expired)
                        .onItem().transformToUniAndConcatenate(grant -> events.publish(new EventDraft(
                                EventKind.GRANT_EXPIRED, grant.patientId(), null, grant.id().toString(),
                                "Access for " + grant.granteeName() + " has expired", null)))
                        .collect().asList()
                        .map(java.util.List::size));
    }
}
