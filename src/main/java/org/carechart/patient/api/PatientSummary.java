package org.carechart.patient.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.LocalDate;
import java.util.UUID;

/** A line of a patient list: enough to pick the right patient, nothing clinical. */
@RegisterForReflection
public record PatientSummary(UUID id, String mrn, String givenName, String familyName, LocalDate birthDate, String sex) {
}
