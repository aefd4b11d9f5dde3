package org.carechart.chart.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.UUID;

/** An amendment request about an entry as its history shows it, with any statement of disagreement. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EntryAmendmentView(UUID amendmentId, String status, Instant requestedAt, String reason,
                                 Instant decidedAt, String decisionReason, String disagreement,
                                 Instant disagreementAt) {
}
