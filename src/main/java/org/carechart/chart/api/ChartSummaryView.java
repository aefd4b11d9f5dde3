package org.carechart.chart.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Map;

/**
 * What a mobile home screen shows in one call. Parts the caller may not see are empty (or absent
 * for demographics); counts cover only what the caller may see.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(requiredProperties = {"activeProblems", "activeMedications", "allergies", "latestVitals", "recentLabResults", "counts", "unreadNotifications"},
        examples = "{\"patient\":{\"patientId\":\"0b8e4d2a-5f6c-4a1b-8e3d-9c7f2a1b6d50\",\"givenName\":\"Alice\",\"familyName\":\"Example\",\"birthDate\":\"1984-03-09\",\"sex\":\"female\"},\"activeProblems\":[{\"id\":\"1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d\",\"patientId\":\"0b8e4d2a-5f6c-4a1b-8e3d-9c7f2a1b6d50\",\"category\":\"condition\",\"version\":2,\"status\":\"active\",\"code\":{\"system\":\"http://snomed.info/sct\",\"code\":\"44054006\",\"display\":\"Type 2 diabetes mellitus\"},\"effectiveAt\":\"2019-05-14T00:00:00.000Z\",\"recordedAt\":\"2026-10-02T14:03:11.507Z\",\"sensitive\":false,\"authorId\":\"9d3b7c1e-2a4f-4e6d-8b0a-1c5e7f9a3b20\",\"updatedAt\":\"2026-10-02T14:03:11.507Z\"}],\"activeMedications\":[],\"allergies\":[],\"latestVitals\":[],\"recentLabResults\":[{\"id\":\"6f1c2a9e-0b7d-4c1e-9a55-3d2f8e7b1c40\",\"patientId\":\"0b8e4d2a-5f6c-4a1b-8e3d-9c7f2a1b6d50\",\"category\":\"observation\",\"version\":1,\"status\":\"final\",\"code\":{\"system\":\"http://loinc.org\",\"code\":\"4548-4\",\"display\":\"Hemoglobin A1c\"},\"effectiveAt\":\"2026-11-28T08:30:00.000Z\",\"recordedAt\":\"2026-11-28T09:15:00.120Z\",\"valueQuantity\":7.2,\"valueUnit\":\"%\",\"referenceLow\":4.0,\"referenceHigh\":5.6,\"interpretation\":\"H\",\"abnormal\":true,\"sensitive\":false,\"authorId\":\"9d3b7c1e-2a4f-4e6d-8b0a-1c5e7f9a3b20\"}],\"counts\":{\"condition\":3,\"observation\":12,\"medication\":2},\"unreadNotifications\":2}")
public record ChartSummaryView(DemographicsView patient, List<ChartEntryView> activeProblems,
                               List<ChartEntryView> activeMedications, List<ChartEntryView> allergies,
                               List<ChartEntryView> latestVitals, List<ChartEntryView> recentLabResults,
                               Map<String, Long> counts, long unreadNotifications) {
}
