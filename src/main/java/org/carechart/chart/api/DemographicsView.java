package org.carechart.chart.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.LocalDate;
import java.util.UUID;

@RegisterForReflection
public record DemographicsView(UUID patientId, String givenName, String familyName, LocalDate birthDate, String sex) {
}
