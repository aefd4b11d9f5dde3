package org.carechart.chart.api;

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
public record ChartEntryView(UUID id, UUID patientId, String category, int version, String status, CodeView code,
                             Instant effectiveAt, Instant recordedAt, BigDecimal valueQuantity, String valueUnit,
                             String valueText, BigDecimal referenceLow, BigDecimal referenceHigh,
                             String interpretation, Boolean abnormal, String body, UUID documentId, boolean sensitive,
                             UUID authorId, Instant updatedAt) {
}
