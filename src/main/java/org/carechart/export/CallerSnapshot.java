package org.carechart.export;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.carechart.identity.Caller;
import org.carechart.identity.Role;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Who asked for an export, kept with the job (export_job.caller) so that the worker, on any instance
 * and after any restart, asks the access policy as that caller at the time each chunk runs.
 */
@RegisterForReflection
record CallerSnapshot(UUID accountId, String displayName, List<String> roles, UUID patientId, UUID organizationId,
                      List<String> scopes, String clientId, UUID appPatientId, UUID grantId) {

    static CallerSnapshot of(Caller caller) {
        return new CallerSnapshot(caller.accountId(), caller.displayName(),
                caller.roles().stream().map(Role::claim).sorted().toList(), caller.patientId(), caller.organizationId(),
                caller.scopes().stream().sorted().toList(), caller.app() == null ? null : caller.app().clientId(),
                caller.app() == null ? null : caller.app().patientId(), caller.app() == null ? null : caller.app().grantId());
    }

    Caller caller() {
        Set<Role> roleSet = roles.stream().map(Role::fromClaim).flatMap(java.util.Optional::stream).collect(Collectors.toSet());
        Caller.AppContext app = clientId == null ? null : new Caller.AppContext(clientId, appPatientId, grantId);
        return new Caller(accountId, displayName, roleSet, patientId, organizationId, Set.copyOf(scopes),
                new Caller.ClientInfo(null, "bulk-export"), app);
    }
}
