package org.carechart.ratelimit;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Deletes buckets whose quota is whole again, so the table holds only clients seen in the last window. */
@ApplicationScoped
public class RateLimitHousekeeping {

    @Inject
    RateLimitRepository repository;

    @Scheduled(every = "1m", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> prune() {
        return repository.deleteRefilled().replaceWithVoid().onFailure().recoverWithNull();
    }
}
