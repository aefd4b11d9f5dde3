package org.carechart.patient.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/** A break-the-glass session; the chart is open to the provider until {@code expiresAt}. */
@RegisterForReflection
public record BreakGlassView(UUID id, UUID patientId, UUID providerId, String reason, Instant startsAt, Instant expiresAt) {
}
