package org.carechart.patient.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.LocalDate;
import java.util.UUID;

/** A patient's demographics. */
@RegisterForReflection
public record PatientView(UUID id, UUID organizationId, String mrn, String givenName, String familyName, LocalDate birthDate,
                          String sex, String phone, String email, String addressLine, String city, String postalCode) {
}
