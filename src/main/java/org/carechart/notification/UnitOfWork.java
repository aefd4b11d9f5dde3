package org.carechart.notification;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.audit.AuditEntry;
import org.carechart.audit.AuditService;

import java.util.List;

/**
 * The one way a unit of work ends: authorize, do the work, then {@link #finish} — which writes what the
 * work announces and what it did, always in this order, inside the work's own transaction and on its
 * one connection:
 * <ol>
 * <li>the events ({@link Events#publish}): each locks its recipients' inbox counters, in account order;</li>
 * <li>the audit record ({@link AuditService#record}): an unsealed row that takes no shared lock at all
 * (the chain is sealed later, off the request path), or for a read the group commit.</li>
 * </ol>
 * Because every change takes its locks in that one order (the rows it changes, then the counters, then
 * nothing), two changes of one patient queue behind each other instead of deadlocking. A refusal
 * never gets here: {@code AccessPolicy} fails the work and its denial is recorded after the rollback.
 * <p>
 * It lives in {@code notification}, the lowest layer that sees both the events and the audit trail.
 */
@ApplicationScoped
public class UnitOfWork {

    @Inject
    Events events;

    @Inject
    AuditService audit;

    public Uni<Void> finish(AuditEntry record, EventDraft... announced) {
        return publish(List.of(announced), 0).chain(() -> audit.record(record));
    }

    private Uni<Void> publish(List<EventDraft> drafts, int next) {
        if (next >= drafts.size()) {
            return Uni.createFrom().voidItem();
        }
        return events.publish(drafts.get(next)).chain(() -> publish(drafts, next + 1));
    }
}
