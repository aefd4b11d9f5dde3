package org.carechart.sharing;

import org.carechart.access.DataCategory;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A share_link row. Never leaves the sharing package: the wire sees {@code ShareLinkView}.
 * {@code proxyLinkId}: the proxy link it was made under (null when the patient made it); the link
 * works only while that proxy link is in force ({@code authorityEndedAt}: when it ended).
 */
record ShareLink(UUID id, UUID patientId, String label, Set<DataCategory> categories, Set<UUID> entryIds,
                 String passcodeHash, boolean hideSensitive, Integer maxUses, int useCount, int failedPasscodes, Instant lockedAt,
                 Instant expiresAt, Instant createdAt, UUID createdBy, Instant revokedAt, Instant lastUsedAt,
                 UUID proxyLinkId, Instant authorityEndedAt) {

    enum Status {
        ACTIVE, EXPIRED, REVOKED, USED_UP, LOCKED, ENDED;

        String code() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    Status statusAt(Instant now) {
        if (revokedAt != null) {
            return Status.REVOKED;
        }
        if (lockedAt != null) {
            return Status.LOCKED;
        }
        if (authorityEndedAt != null && !authorityEndedAt.isAfter(now)) {
            return Status.ENDED;
        }
        if (maxUses != null && useCount >= maxUses) {
            return Status.USED_UP;
        }
        if (!expiresAt.isAfter(now)) {
            return Status.EXPIRED;
        }
        return Status.ACTIVE;
    }

    /** The short id that names the link as the actor in the audit trail. */
    String shortId() {
        return id.toString().substring(0, 8);
    }
}
