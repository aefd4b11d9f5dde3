package org.carechart.chart.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The current version of a chart entry. {@code abnormal} is true when the interpretation flags the
 * value outside its reference range (L, H, LL, HH, A, AA).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(requiredProperties = {"id", "patientId", "category", "version", "status", "recordedAt", "sensitive"},
        examples = "{\"id\":\"6f1c2a9e-0b7d-4c1e-9a55-3d2f8e7b1c40\",\"patientId\":\"0b8e4d2a-5f6c-4a1b-8e3d-9c7f2a1b6d50\",\"category\":\"observation\",\"version\":1,\"status\":\"final\",\"code\":{\"system\":\"http://loinc.org\",\"code\":\"4548-4\",\"display\":\"Hemoglobin A1c\"},\"effectiveAt\":\"2026-11-28T08:30:00.000Z\",\"recordedAt\":\"2026-11-28T09:15:00.120Z\",\"valueQuantity\":7.2,\"valueUnit\":\"%\",\"referenceLow\":4.0,\"referenceHigh\":5.6,\"interpretation\":\"H\",\"abnormal\":true,\"sensitive\":false,\"authorId\":\"9d3b7c1e-2a4f-4e6d-8b0a-1c5e7f9a3b20\"}")
public record ChartEntryView(UUID id, UUID patientId, @Schema(enumeration = {"encounter", "condition", "medication", "allergy", "immunization", "observation", "note", "document", "procedure"}) String category, int version, @Schema(enumeration = {"active", "inactive", "resolved", "remission", "recurrence", "completed", "finished", "in-progress", "planned", "cancelled", "stopped", "on-hold", "final", "preliminary", "amended", "corrected", "current", "superseded", "not-done", "entered-in-error"}) String status, CodeView code,
                             Instant effectiveAt, Instant recordedAt, BigDecimal valueQuantity, String valueUnit,
                             String valueText, BigDecimal referenceLow, BigDecimal referenceHigh,
                             @Schema(enumeration = {"N", "L", "H", "LL", "HH", "A", "AA"}) String interpretation, Boolean abnormal, String body, UUID documentId, boolean sensitive,
                             UUID authorId, Instant updatedAt) {
}
