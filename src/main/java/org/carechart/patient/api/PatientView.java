package org.carechart.patient.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.LocalDate;
import java.util.UUID;

/** A patient's demographics. */
@RegisterForReflection
@Schema(requiredProperties = {"id", "organizationId", "mrn", "givenName", "familyName", "birthDate"})
public record PatientView(UUID id, UUID organizationId, String mrn, String givenName, String familyName, LocalDate birthDate,
                          String sex, String phone, String email, String addressLine, String city, String postalCode) {
}
