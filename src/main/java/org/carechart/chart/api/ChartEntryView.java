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
@Schema(requiredProperties = {"id", "patientId", "category", "version", "status", "recordedAt", "sensitive"})
public record ChartEntryView(UUID id, UUID patientId, @Schema(enumeration = {"encounter", "condition", "medication", "allergy", "immunization", "observation", "note", "document", "procedure"}) String category, int version, @Schema(enumeration = {"active", "inactive", "resolved", "remission", "recurrence", "completed", "finished", "in-progress", "planned", "cancelled", "stopped", "on-hold", "final", "preliminary", "amended", "corrected", "current", "superseded", "not-done", "entered-in-error"}) String status, CodeView code,
                             Instant effectiveAt, Instant recordedAt, BigDecimal valueQuantity, String valueUnit,
                             String valueText, BigDecimal referenceLow, BigDecimal referenceHigh,
                             @Schema(enumeration = {"N", "L", "H", "LL", "HH", "A", "AA"}) String interpretation, Boolean abnormal, String body, UUID documentId, boolean sensitive,
                             UUID authorId, Instant updatedAt) {
}
