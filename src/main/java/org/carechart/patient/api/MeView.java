package org.carechart.patient.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.UUID;

/** Who the caller is: roles, their own patient record, and the patients they act for as a proxy. */
@RegisterForReflection
public record MeView(UUID accountId, String name, List<String> roles, UUID patientId, UUID organizationId,
                     List<ActingFor> actingFor) {

    @RegisterForReflection
    public record ActingFor(UUID patientId, String name, String relationship) {
    }
}
