package org.carechart.access;

import java.time.Instant;
import java.util.UUID;

/** A break-the-glass session as other packages see it; the names are filled in for review lists. */
public record BreakGlassSession(UUID id, UUID patientId, String patientName, UUID providerId, String providerName,
                                String reason, Instant startsAt, Instant expiresAt) {
}
