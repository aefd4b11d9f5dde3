package org.carechart.audit;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.identity.Role;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The sink every layer writes its audit events to. Rows are written unsealed; {@link AuditSealer}
 * chains and keys them soon after, in order, off the request path, so no writer can forget or
 * forge a link and no request waits on a chain head.
 * <p>
 * Two ways in, chosen by what the event describes, so every call site says only "record this":
 * <ul>
 * <li>a <b>read</b> (read or search) is handed to the group-commit {@link AuditWriter}: the returned
 * {@code Uni} completes once the record is durable (its batch committed), never before, so the read
 * is answered only after its audit record is safe. The request's transaction writes nothing.</li>
 * <li>a <b>change</b> is inserted in the caller's current transaction and commits or rolls back with
 * the work it describes. Call it through the finishing step ({@code notification.UnitOfWork}) last.</li>
 * </ul>
 */
@ApplicationScoped
public class AuditService {

    private static final String INSERT = """
            insert into audit_event %s
            values (?1, '', cast(?2 as timestamptz), cast(?3 as uuid), ?4, string_to_array(?5, ','), cast(?6 as uuid),
                    cast(?7 as uuid), cast(?8 as uuid), ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
            """.formatted(AuditWriter.COLUMNS);

    @Inject
    AuditWriter writer;

    @Inject
    AuditSealer sealer;

    /** Seals every event pending now (a few milliseconds): for readers who must see chain positions. */
    public Uni<Void> sealPending() {
        return sealer.drain();
    }

    /** Reads are group-committed and durable on completion; changes join the caller's transaction. */
    public Uni<Void> record(AuditEntry entry) {
        return isRead(entry) ? writer.write(row(entry)) : inTransaction(entry);
    }

    /**
     * Durable on completion, on the audit trail's own connection, whatever happens to the request's
     * transaction: for events that must outlive a failed request (denials after the rollback, failed logins).
     */
    public Uni<Void> recordIndependently(AuditEntry entry) {
        return writer.write(row(entry));
    }

    private Uni<Void> inTransaction(AuditEntry entry) {
        AuditWriter.Row row = row(entry);
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT)
                .setParameter(1, row.id()).setParameter(2, row.occurredAt()).setParameter(3, row.actorId())
                .setParameter(4, row.actorName()).setParameter(5, row.roles()).setParameter(6, row.organizationId())
                .setParameter(7, row.actingFor()).setParameter(8, row.patientId()).setParameter(9, row.action())
                .setParameter(10, row.resourceType()).setParameter(11, row.resourceId()).setParameter(12, row.query())
                .setParameter(13, row.basis()).setParameter(14, row.purpose()).setParameter(15, row.outcome())
                .setParameter(16, row.clientAddress()).setParameter(17, row.userAgent())
                .executeUpdate()).replaceWithVoid();
    }

    static boolean isRead(AuditEntry entry) {
        return entry.action() == AuditAction.READ || entry.action() == AuditAction.SEARCH;
    }

    private static AuditWriter.Row row(AuditEntry e) {
        var caller = e.caller();
        String roles = caller.roles().stream().map(Role::claim).sorted().collect(Collectors.joining(","));
        return new AuditWriter.Row(UUID.randomUUID(),
                Instant.now().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC),
                caller.accountId(), caller.displayName(), roles, caller.organizationId(), e.actingFor(), e.patientId(),
                e.action().code(), e.resourceType(), e.resourceId(), e.query(), e.basis(), e.purpose(),
                e.outcome().code(), caller.client().address(), caller.client().userAgent());
    }
}
