package org.carechart.audit;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.identity.Caller;
import org.carechart.identity.SignInAttempt;
import org.carechart.identity.SignInAudit;

/** Sign-ins, refreshes and sign-outs go into the audit trail like every other event. */
@ApplicationScoped
public class AuditedSignIns implements SignInAudit {

    @Inject
    AuditService audit;

    @Override
    public Uni<Void> record(SignInAttempt attempt) {
        if (attempt.kind() == SignInAttempt.Kind.TOKEN_REFUSED) {
            // A security event: no account is known (the token's claims are not trusted); the reason is the resource id.
            Caller actor = new Caller(null, "unknown caller", java.util.Set.of(), null, null, java.util.Set.of(), attempt.client());
            return audit.recordIndependently(new AuditEntry(actor, AuditAction.TOKEN_REFUSED, null, "access-token",
                    attempt.displayName(), null, null, null, AuditEntry.AuditOutcome.DENIED));
        }
        Caller actor = new Caller(attempt.accountId(), attempt.displayName() == null ? "unknown account" : attempt.displayName(),
                attempt.roles(), null, attempt.organizationId(), java.util.Set.of(), attempt.client());
        AuditAction action = switch (attempt.kind()) {
            case LOGIN -> attempt.success() ? AuditAction.LOGIN : AuditAction.LOGIN_FAILED;
            case TOKEN_REFRESH, REFRESH_TOKEN_REUSE -> AuditAction.TOKEN_REFRESH;
            case LOGOUT -> AuditAction.LOGOUT;
            case TOKEN_REFUSED -> AuditAction.TOKEN_REFUSED;
        };
        AuditEntry.AuditOutcome outcome = attempt.success() ? AuditEntry.AuditOutcome.SUCCESS
                : attempt.kind() == SignInAttempt.Kind.LOGIN ? AuditEntry.AuditOutcome.FAILURE : AuditEntry.AuditOutcome.DENIED;
        return audit.recordIndependently(new AuditEntry(actor, action, null, "account",
                attempt.accountId() == null ? null : attempt.accountId().toString(), null, null, null, outcome));
    }
}
