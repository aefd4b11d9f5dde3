package org.carechart.access;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.audit.AccessLogPermission;
import org.carechart.identity.Caller;

import java.util.Optional;
import java.util.UUID;

/**
 * Who may read a patient's access log, answered by the one decision point. The audit trail sits
 * below access and asks through its {@link AccessLogPermission} interface, so the rule is not
 * written twice.
 */
@ApplicationScoped
public class PolicyAccessLogPermission implements AccessLogPermission {

    @Inject
    AccessPolicy policy;

    @Override
    public Uni<Optional<String>> basis(Caller caller, UUID patientId) {
        return policy.decide(caller, Action.READ_ACCESS_LOG, patientId, null)
                .map(decision -> decision.allowed() ? Optional.of(decision.basis().code()) : Optional.empty());
    }
}
