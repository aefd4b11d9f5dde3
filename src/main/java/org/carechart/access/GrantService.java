package org.carechart.access;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.common.Problem;
import org.carechart.common.ProblemException;
import org.carechart.common.ProblemType;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The store of grants (consents), owned by access because {@link AccessPolicy} decides on them.
 * The sharing feature manages grants through this service. Every method joins the caller's
 * transaction (like {@code AuditService.record}): the feature that calls it owns the transaction,
 * the authorization, the audit event and the notification.
 */
@ApplicationScoped
public class GrantService {

    @Inject
    GrantRepository grants;

    Clock clock = Clock.systemUTC();

    /** What a patient (or proxy) asks to grant; codes as they came over the wire. */
    public record GrantRequest(String granteeType, UUID granteeId, List<String> categories, String purpose,
                               Instant expiresAt) {
    }

    /**
     * Validates and stores a new grant. Invalid input fails with a 400 problem naming every bad
     * field; nothing is written then. The creator's access decision goes with the grant: its
     * restriction (a grant never shows more than its creator may see) and, for a proxy, the proxy link
     * whose authority the grant carries (it stops working when that link ends).
     */
    public Uni<Grant> create(UUID patientId, GrantRequest request, UUID createdBy, AccessDecision creatorDecision) {
        boolean hideSensitive = creatorDecision.hideSensitive();
        Instant now = clock.instant();
        List<Problem.FieldError> errors = new java.util.ArrayList<>();
        Grant.GranteeType type = Grant.GranteeType.fromCode(request.granteeType()).orElse(null);
        if (type == null) {
            errors.add(new Problem.FieldError("granteeType", "must be one of provider, organization, app"));
        }
        if (request.granteeId() == null) {
            errors.add(new Problem.FieldError("granteeId", "is required"));
        }
        Set<DataCategory> categories = java.util.EnumSet.noneOf(DataCategory.class);
        if (request.categories() == null || request.categories().isEmpty()) {
            errors.add(new Problem.FieldError("categories", "must name at least one category"));
        } else {
            for (String code : request.categories()) {
                DataCategory.fromCode(code).ifPresentOrElse(categories::add,
                        () -> errors.add(new Problem.FieldError("categories", "unknown category: " + safe(code))));
            }
        }
        Grant.GrantPurpose purpose = Grant.GrantPurpose.fromCode(request.purpose()).orElse(null);
        if (purpose == null) {
            errors.add(new Problem.FieldError("purpose",
                    "must be one of treatment, payment, operations, research, personal-use"));
        }
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            errors.add(new Problem.FieldError("expiresAt", "must be in the future"));
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(invalid(errors));
        }
        return grants.granteeExists(type, request.granteeId()).chain(exists -> {
            if (!exists) {
                return Uni.createFrom().failure(invalid(List.of(new Problem.FieldError("granteeId",
                        "no " + type.code() + " with this id"))));
            }
            Grant grant = new Grant(UUID.randomUUID(), patientId, type, request.granteeId(), null, categories, purpose,
                    request.expiresAt(), now.truncatedTo(ChronoUnit.MICROS), createdBy, null, hideSensitive,
                    creatorDecision.proxyLinkId(), null);
            return grants.insert(grant).chain(() -> grants.byId(patientId, grant.id()));
        });
    }

    /** Every grant of the patient, newest first, including revoked and expired ones. */
    public Uni<List<Grant>> list(UUID patientId) {
        return grants.byPatient(patientId);
    }

    /** Null when the patient has no such grant. */
    public Uni<Grant> find(UUID patientId, UUID grantId) {
        return grants.byId(patientId, grantId);
    }

    /**
     * Revokes at once: the next decision no longer sees the grant. Answers the grant as it is
     * now, and whether this call was the one that revoked it (false when it was revoked before);
     * null when the patient has no such grant.
     */
    public Uni<Revocation> revoke(UUID patientId, UUID grantId, UUID revokedBy) {
        return grants.byId(patientId, grantId).chain(grant -> grant == null
                ? Uni.createFrom().nullItem()
                : grants.revoke(grantId, revokedBy).chain(changed -> grants.byId(patientId, grantId)
                        .map(now -> new Revocation(now, changed))));
    }

    public record Revocation(Grant grant, boolean revokedNow) {
    }

    /** Grants that expired and were not announced yet, each returned once across all instances. */
    public Uni<List<Grant>> claimNewlyExpired(int limit) {
        return grants.claimNewlyExpired(limit);
    }

    private static ProblemException invalid(List<Problem.FieldError> errors) {
        return new ProblemException(ProblemType.VALIDATION, "The request has invalid fields.", errors);
    }

    /** Echo a client's code only when it is short and plain, so a problem never carries arbitrary input. */
    private static String safe(String code) {
        return code != null && code.matches("[a-z0-9-]{1,40}") ? code : "(not a category code)";
    }
}
