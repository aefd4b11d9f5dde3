package org.carechart.sharing.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

@RegisterForReflection
@Schema(description = "The shared part of a chart, as it is at the moment of the request")
public record SharedChartView(String givenName, String familyName, LocalDate birthDate, List<String> categories,
                              List<SharedEntry> entries, Instant generatedAt) {
}
