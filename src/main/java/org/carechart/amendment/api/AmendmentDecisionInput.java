package org.carechart.amendment.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.carechart.chart.api.ChartEntryInput;

/**
 * Staff's decision: {@code accept} with the corrected entry (written as a new version citing the
 * request; its reason defaults to the decision's) or {@code deny} with a written reason.
 */
@RegisterForReflection
public record AmendmentDecisionInput(String decision, String reason, ChartEntryInput correction) {
}
