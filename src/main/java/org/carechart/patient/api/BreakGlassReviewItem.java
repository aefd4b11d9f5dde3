package org.carechart.patient.api;

import java.time.Instant;
import java.util.UUID;

/** One break-the-glass session, as records staff review it. */
public record BreakGlassReviewItem(UUID id, UUID patientId, String patientName, UUID providerId, String providerName,
                                   String reason, Instant startsAt, Instant expiresAt, boolean active) {
}
