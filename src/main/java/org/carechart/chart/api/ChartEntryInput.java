package org.carechart.chart.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A new entry or a new version of one. {@code reason} is required for a change (PUT) and ignored
 * when adding. {@code interpretation} is computed from the reference range when left out.
 */
@RegisterForReflection
public record ChartEntryInput(@Schema(enumeration = {"encounter", "condition", "medication", "allergy", "immunization", "observation", "note", "document", "procedure"}) String category, @Schema(enumeration = {"active", "inactive", "resolved", "remission", "recurrence", "completed", "finished", "in-progress", "planned", "cancelled", "stopped", "on-hold", "final", "preliminary", "amended", "corrected", "current", "superseded", "not-done"}) String status, CodeView code, Instant effectiveAt,
                              BigDecimal valueQuantity, String valueUnit, String valueText, BigDecimal referenceLow,
                              BigDecimal referenceHigh, @Schema(enumeration = {"N", "L", "H", "LL", "HH", "A", "AA"}) String interpretation, String body, Boolean sensitive,
                              String reason) {
}
