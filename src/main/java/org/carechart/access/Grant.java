package org.carechart.access;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A patient's consent: a grantee may read these categories until it expires or is revoked. */
public record Grant(UUID id, UUID patientId, GranteeType granteeType, UUID granteeId, Set<DataCategory> categories,
                    String purpose, Instant expiresAt, Instant createdAt, UUID createdBy, Instant revokedAt, UUID revokedBy) {

    public Grant {
        categories = Set.copyOf(categories);
    }

    public boolean activeAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }

    /** Who a grant is to: a provider's account, a whole organization, or an app's account. */
    public enum GranteeType {
        PROVIDER, ORGANIZATION, APP;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static java.util.Optional<GranteeType> fromCode(String code) {
            for (GranteeType type : values()) {
                if (type.code().equals(code)) {
                    return java.util.Optional.of(type);
                }
            }
            return java.util.Optional.empty();
        }
    }
}
