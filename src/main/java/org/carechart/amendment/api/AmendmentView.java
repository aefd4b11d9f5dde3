package org.carechart.amendment.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.UUID;

/** An amendment request with its due date (60 days after it was made), decision and any disagreement. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AmendmentView(UUID id, UUID patientId, UUID entryId, String status, String reason, Instant requestedAt,
                            Instant dueAt, String requestedByName, Instant decidedAt, String decidedByName,
                            String decisionReason, Integer entryVersion, String disagreement, Instant disagreementAt) {
}
