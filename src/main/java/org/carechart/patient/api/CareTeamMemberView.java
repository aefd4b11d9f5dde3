package org.carechart.patient.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/** A provider on the care team; {@code active} is true between {@code startsAt} and {@code endsAt}. */
@RegisterForReflection
public record CareTeamMemberView(UUID id, UUID providerId, String providerName, String role, Instant startsAt,
                                 Instant endsAt, boolean active) {
}
