package org.carechart.access;

import java.time.Instant;
import java.util.UUID;

/** A care-team membership as other packages see it. */
public record CareTeamLink(UUID id, UUID patientId, UUID providerId, String providerName, String role,
                           Instant startsAt, Instant endsAt) {

    public boolean activeAt(Instant now) {
        return !startsAt.isAfter(now) && (endsAt == null || endsAt.isAfter(now));
    }
}
