package org.carechart.chart.api;

import java.time.LocalDate;
import java.util.UUID;

public record DemographicsView(UUID patientId, String givenName, String familyName, LocalDate birthDate, String sex) {
}
