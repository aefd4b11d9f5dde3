package org.carechart.sharing;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.access.AccessPolicy;
import org.carechart.access.Action;
import org.carechart.access.DataCategory;
import org.carechart.access.Grant;
import org.carechart.access.GrantService;
import org.carechart.audit.AuditAction;
import org.carechart.audit.AuditEntry;
import org.carechart.audit.AuditService;
import org.carechart.common.Cursor;
import org.carechart.common.Page;
import org.carechart.common.ProblemException;
import org.carechart.identity.Caller;
import org.carechart.notification.EventDraft;
import org.carechart.notification.EventKind;
import org.carechart.notification.UnitOfWork;
import org.carechart.sharing.api.DisclosureView;
import org.carechart.sharing.api.GrantRequest;
import org.carechart.sharing.api.GrantView;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Grants (consents) and the accounting of disclosures. The grants themselves are kept by
 * access's {@link GrantService}; this service owns the use case around them: who may, the
 * transaction, the audit event and the notification.
 */
@ApplicationScoped
public class SharingService {

    @Inject
    AccessPolicy accessPolicy;

    @Inject
    GrantService grants;

    @Inject
    AuditService audit;

    @Inject
    UnitOfWork unitOfWork;

    @Inject
    DisclosureRepository disclosures;

    @Inject
    SharingConfig config;

    Clock clock = Clock.systemUTC();

    @WithTransaction
    public Uni<Page<GrantView>> listGrants(Caller caller, UUID patientId) {
        Instant now = clock.instant();
        return accessPolicy.authorize(caller, Action.LIST_SHARING, patientId, null, "grant", null)
                .chain(decision -> grants.list(patientId)
                        .call(() -> audit.record(AuditEntry.success(caller, AuditAction.READ, patientId,
                                decision.basis().code(), "grant", null)))
                        .map(found -> new Page<>(found.stream().map(g -> view(g, now)).toList(), null)));
    }

    @WithTransaction
    public Uni<GrantView> createGrant(Caller caller, UUID patientId, GrantRequest request) {
        if (request == null) {
            return Uni.createFrom().failure(ProblemException.badRequest("A body is required."));
        }
        return accessPolicy.authorize(caller, Action.SHARE, patientId, null, "grant", null)
                .chain(decision -> grants.create(patientId, new GrantService.GrantRequest(request.granteeType(),
                                request.granteeId(), request.categories(), request.purpose(), request.expiresAt()),
                        caller.accountId(), decision)
                        .call(grant -> unitOfWork.finish(AuditEntry.success(caller, AuditAction.SHARE, patientId,
                                        decision.basis().code(), "grant", grant.id().toString()).withPurpose(grant.purpose().code()),
                                new EventDraft(EventKind.GRANT_CREATED, patientId, null,
                                        grant.id().toString(), "Access granted to " + grant.granteeName(), caller.accountId())))
                        .map(grant -> view(grant, clock.instant())));
    }

    /** Revokes at once; revoking again changes nothing and announces nothing. */
    @WithTransaction
    public Uni<Void> revokeGrant(Caller caller, UUID patientId, UUID grantId) {
        return accessPolicy.authorize(caller, Action.REVOKE_SHARING, patientId, null, "grant", grantId.toString())
                .chain(decision -> grants.revoke(patientId, grantId, caller.accountId()).chain(revocation -> {
                    if (revocation == null) {
                        return Uni.createFrom().failure(ProblemException.notFound());
                    }
                    if (!revocation.revokedNow()) {
                        return Uni.createFrom().voidItem();
                    }
                    Grant grant = revocation.grant();
                    return unitOfWork.finish(AuditEntry.success(caller, AuditAction.REVOKE, patientId,
                                    decision.basis().code(), "grant", grantId.toString()),
                            new EventDraft(EventKind.GRANT_REVOKED, patientId, null,
                                    grantId.toString(), "Access revoked for " + grant.granteeName(), caller.accountId()));
                }));
    }

    @WithTransaction
    public Uni<Page<DisclosureView>> disclosures(Caller caller, UUID patientId, String cursor, Integer limit) {
        int size = Page.limit(limit);
        Cursor after = Cursor.decode(cursor);
        return accessPolicy.authorize(caller, Action.READ_ACCESS_LOG, patientId, null, "disclosures", null)
                .chain(decision -> disclosures.page(patientId, config.disclosuresIncludeTreatment(),
                                decision.visibility(), after, size)
                        .call(() -> audit.record(AuditEntry.success(caller, AuditAction.READ, patientId,
                                decision.basis().code(), "disclosures", null)))
                        .map(page -> new Page<>(page.items().stream().map(SharingService::view).toList(),
                                page.nextCursor())));
    }

    private static GrantView view(Grant grant, Instant now) {
        String status = grant.revokedAt() != null ? "revoked" : grant.authorityEndedBy(now) ? "ended"
                : grant.activeAt(now) ? "active" : "expired";
        return new GrantView(grant.id(), grant.patientId(), grant.granteeType().code(), grant.granteeId(),
                grant.granteeName(), grant.categories().stream().map(DataCategory::code).sorted().toList(),
                grant.purpose().code(), grant.expiresAt(), grant.createdAt(), grant.revokedAt(), status);
    }

    private static DisclosureView view(Disclosure d) {
        return new DisclosureView(d.id(), d.occurredAt(),
                new DisclosureView.Recipient(d.recipientId(), d.recipientName(), d.recipientRoles(), d.organizationId(),
                        d.organizationName()),
                d.action(), d.resourceType(), d.resourceId(), d.what(), d.purpose(), d.basis());
    }
}
