package org.carechart.audit;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.identity.Caller;
import org.carechart.identity.Role;

import java.util.Optional;
import java.util.UUID;

/**
 * The access-log rule of {@code AccessPolicy} (Action.READ_ACCESS_LOG), mirrored here because
 * audit may not depend on access: the patient themself, an active proxy, or records staff of the
 * patient's organization, in that order. Replaced automatically when access provides its own
 * {@link AccessLogPermission} bean.
 */
@DefaultBean
@ApplicationScoped
public class MirroredAccessLogPermission implements AccessLogPermission {

    @Inject
    AuditRepository repository;

    @Override
    public Uni<Optional<String>> basis(Caller caller, UUID patientId) {
        if (caller.isAnonymous() || patientId == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return repository.accessLogFacts(caller.accountId(), patientId).map(facts -> {
            if (facts == null) {
                return Optional.empty();
            }
            if (caller.has(Role.PATIENT) && patientId.equals(caller.patientId())) {
                return Optional.of("self");
            }
            if (facts.proxy()) {
                return Optional.of("proxy");
            }
            if (caller.has(Role.STAFF) && facts.organizationId().equals(caller.organizationId())) {
                return Optional.of("staff");
            }
            return Optional.empty();
        });
    }
}
