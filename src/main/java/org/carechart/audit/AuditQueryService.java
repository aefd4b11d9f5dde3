package org.carechart.audit;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.audit.AuditRepository.AuditRow;
import org.carechart.audit.api.AccessLogItem;
import org.carechart.audit.api.AuditEventView;
import org.carechart.audit.api.VerificationReport;
import org.carechart.common.Cursor;
import org.carechart.common.Page;
import org.carechart.common.ProblemException;
import org.carechart.identity.Caller;
import org.carechart.identity.Role;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reading the audit trail: a patient's access log, the reviewers' search, and chain verification.
 * Every read of the trail is itself recorded (action read, resource type audit-log).
 */
@ApplicationScoped
public class AuditQueryService {

    static final String AUDIT_LOG = "audit-log";

    @Inject
    AuditRepository repository;

    @Inject
    AccessLogPermission permission;

    @Inject
    ChainVerifier verifier;

    @Inject
    AuditService audit;


    /** Who viewed or changed this patient's chart, newest first. Not allowed and not found both answer 404. */
    @WithTransaction
    public Uni<Page<AccessLogItem>> accessLog(Caller caller, UUID patientId, Cursor cursor, int limit) {
        return permission.basis(caller, patientId).chain(basis -> {
            if (basis.isEmpty()) {
                return refuse(caller, patientId, ProblemException.notFound());
            }
            boolean self = "self".equals(basis.get());
            Uni<String> name = self ? Uni.createFrom().item("") : repository.givenName(patientId);
            return name.chain(givenName -> repository.patientEvents(patientId, cursor, limit)
                            .map(rows -> page(rows, limit, row -> PlainWords.describe(row, caller.accountId(), self, givenName))))
                    .call(() -> audit.record(AuditEntry.success(caller, AuditAction.READ, patientId, basis.get(),
                            AUDIT_LOG, null)));
        });
    }

    /** The trail for reviewers: records staff see their organization's patients, administrators everything. */
    @WithTransaction
    public Uni<Page<AuditEventView>> search(Caller caller, AuditFilter filter) {
        // Reviewers see every event with its chain position: seal what is pending first (a few ms at most).
        return reviewer(caller, filter.patientId()).call(audit::sealPending).chain(scope -> repository.search(filter, scope.organizationId)
                .map(rows -> page(rows, filter.limit(), scope.organizationId == null
                        ? row -> withoutPatientDetail(view(row)) : AuditQueryService::view))
                .call(() -> audit.record(new AuditEntry(caller, AuditAction.READ, filter.patientId(), AUDIT_LOG, null,
                        filter.describe(), scope.basis, null, AuditEntry.AuditOutcome.SUCCESS))));
    }

    /**
     * Recomputes the chains (all, or one patient's) outside any transaction: a long walk must not
     * hold a connection idle in a transaction. The read is then recorded on its own.
     */
    public Uni<VerificationReport> verify(Caller caller, UUID patientId) {
        return reviewScope(caller, patientId).chain(scope -> verifier.verify(patientId)
                .call(() -> audit.recordIndependently(new AuditEntry(caller, AuditAction.READ, patientId, AUDIT_LOG,
                        "verification", patientId == null ? "verification" : "verification&patientId=" + patientId,
                        scope.basis, null, AuditEntry.AuditOutcome.SUCCESS))));
    }

    record ReviewScope(UUID organizationId, String basis) {
    }

    /** Who may review, decided on a session of its own that has ended before the verification walks the chains. */
    @WithSession
    Uni<ReviewScope> reviewScope(Caller caller, UUID patientId) {
        return reviewer(caller, patientId);
    }

    /**
     * Only records staff and administrators review the trail. The rule is a role check (no patient
     * relationship is involved), so it lives here; a refusal is recorded and answered with 403.
     */
    private Uni<ReviewScope> reviewer(Caller caller, UUID patientId) {
        if (caller.has(Role.ADMIN)) {
            return Uni.createFrom().item(new ReviewScope(null, "admin"));
        }
        if (caller.has(Role.STAFF) && caller.organizationId() != null) {
            ReviewScope staff = new ReviewScope(caller.organizationId(), "staff");
            if (patientId == null) {
                return Uni.createFrom().item(staff);
            }
            // A patient of another organization is, to this reviewer, a patient that does not exist.
            return repository.patientOrganization(patientId).chain(organization ->
                    caller.organizationId().equals(organization)
                            ? Uni.createFrom().item(staff)
                            : refuse(caller, patientId, ProblemException.notFound()));
        }
        return refuse(caller, patientId, ProblemException.forbidden("Only records staff and administrators review the audit trail."));
    }

    private <T> Uni<T> refuse(Caller caller, UUID patientId, ProblemException problem) {
        AuditEntry denial = AuditEntry.denied(caller, AuditAction.READ, patientId, AUDIT_LOG, null);
        return Uni.createFrom().failure(problem.afterRollback(() -> audit.recordIndependently(denial)));
    }

    private static <T> Page<T> page(List<AuditRow> rows, int limit, Function<AuditRow, T> map) {
        boolean more = rows.size() > limit;
        List<AuditRow> shown = more ? rows.subList(0, limit) : rows;
        String next = more ? new Cursor(shown.get(limit - 1).occurredAt(), shown.get(limit - 1).id()).encode() : null;
        return new Page<>(shown.stream().map(map).toList(), next);
    }

    /**
     * What an administrator sees of an event: administrators manage accounts, not charts, so detail that
     * identifies patients (what was searched for: names, MRNs, filters; the name of a patient or proxy
     * acting) is withheld. Records staff, who may see their patients' charts, see it all.
     */
    static AuditEventView withoutPatientDetail(AuditEventView e) {
        boolean personal = e.actorRoles() != null && e.actorRoles().contains("patient");
        return new AuditEventView(e.id(), e.occurredAt(), e.chain(), e.seq(), e.actorId(),
                personal ? WITHHELD : e.actorName(), e.actorRoles(), e.organizationId(), e.actingFor(), e.patientId(),
                e.action(), e.resourceType(), e.resourceId(), e.query() == null ? null : WITHHELD, e.basis(), e.purpose(),
                e.outcome(), e.clientAddress(), e.userAgent(), e.hash());
    }

    static final String WITHHELD = "(withheld)";

    private static AuditEventView view(AuditRow e) {
        return new AuditEventView(e.id(), e.occurredAt(), e.chainKey(), e.chainSeq(), e.actorId(), e.actorName(),
                e.actorRoles(), e.organizationId(), e.actingFor(), e.patientId(), e.action(), e.resourceType(),
                e.resourceId(), e.query(), e.basis(), e.purpose(), e.outcome(), e.clientAddress(), e.userAgent(),
                e.hashHex());
    }
}
