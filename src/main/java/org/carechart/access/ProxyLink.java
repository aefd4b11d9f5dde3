package org.carechart.access;

import java.time.Instant;
import java.util.UUID;

/** A proxy link as other packages see it. */
public record ProxyLink(UUID id, UUID patientId, UUID proxyAccountId, String proxyName, String relationship,
                        Instant startsAt, Instant endsAt) {

    public boolean activeAt(Instant now) {
        return !startsAt.isAfter(now) && (endsAt == null || endsAt.isAfter(now));
    }
}
