package org.carechart.patient.api;

import java.time.LocalDate;
import java.util.UUID;

/** A line of a patient list: enough to pick the right patient, nothing clinical. */
public record PatientSummary(UUID id, String mrn, String givenName, String familyName, LocalDate birthDate, String sex) {
}
