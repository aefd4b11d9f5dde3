package org.carechart.patient.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/** One break-the-glass session, as records staff review it. */
@RegisterForReflection
public record BreakGlassReviewItem(UUID id, UUID patientId, String patientName, UUID providerId, String providerName,
                                   String reason, Instant startsAt, Instant expiresAt, boolean active) {
}
