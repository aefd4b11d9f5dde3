package org.carechart.chart;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Removes idempotency keys past their time to live, so the table holds about one day of writes. */
@ApplicationScoped
public class ChartHousekeeping {

    private static final Logger LOG = Logger.getLogger(ChartHousekeeping.class);

    @Inject
    ChartService chart;

    @Scheduled(every = "${carechart.chart.housekeeping-every:1h}", delayed = "${carechart.chart.housekeeping-delay:15m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetExpiredIdempotencyKeys() {
        return chart.forgetExpiredIdempotencyKeys()
                .invoke(count -> LOG.debugf("forgot %d expired idempotency keys", count))
                .onFailure().invoke(e -> LOG.warnf("idempotency key cleanup failed: %s", e.getClass().getName()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
