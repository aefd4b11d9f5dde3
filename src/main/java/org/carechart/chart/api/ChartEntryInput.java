package org.carechart.chart.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A new entry or a new version of one. {@code reason} is required for a change (PUT) and ignored
 * when adding. {@code interpretation} is computed from the reference range when left out.
 */
@RegisterForReflection
public record ChartEntryInput(String category, String status, CodeView code, Instant effectiveAt,
                              BigDecimal valueQuantity, String valueUnit, String valueText, BigDecimal referenceLow,
                              BigDecimal referenceHigh, String interpretation, String body, Boolean sensitive,
                              String reason) {
}
