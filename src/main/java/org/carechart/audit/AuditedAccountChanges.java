package org.carechart.audit;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.identity.AccountAudit;
import org.carechart.identity.Caller;

import java.util.UUID;

/** Account changes go into the audit trail in the transaction that made them. */
@ApplicationScoped
public class AuditedAccountChanges implements AccountAudit {

    @Inject
    AuditService audit;

    @Override
    public Uni<Void> record(Caller actor, Change change, UUID accountId, UUID patientId, String basis) {
        AuditAction action = change == Change.CREATE ? AuditAction.CREATE : AuditAction.UPDATE;
        return audit.record(new AuditEntry(actor, action, patientId, "account", accountId.toString(),
                "change=" + change.code(), basis, null, AuditEntry.AuditOutcome.SUCCESS));
    }
}
