package org.carechart.access;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A patient's consent that lets a provider, an organization or an app read some categories of
 * their chart. Never updated except to revoke it; expiry needs nobody to act, since the policy
 * compares {@code expiresAt} with the clock on every decision. {@code hidesSensitive}: made by a parent
 * proxy of a minor aged 12 to 17, so the grantee sees no more than that parent (no sensitive entries).
 * {@code proxyLinkId}: the proxy link it was made under (null when the patient made it); it works only
 * while that link is in force, and {@code authorityEndedAt} is when the link ended.
 */
public record Grant(UUID id, UUID patientId, GranteeType granteeType, UUID granteeId, String granteeName,
                    Set<DataCategory> categories, GrantPurpose purpose, Instant expiresAt, Instant createdAt,
                    UUID createdBy, Instant revokedAt, boolean hidesSensitive, UUID proxyLinkId, Instant authorityEndedAt) {

    public Grant {
        categories = Set.copyOf(categories);
    }

    public boolean activeAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now)) && !authorityEndedBy(now);
    }

    /** The proxy link it was made under has ended by {@code now}. */
    public boolean authorityEndedBy(Instant now) {
        return authorityEndedAt != null && !authorityEndedAt.isAfter(now);
    }

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

    /** Why the patient shares (the purposes of use HIPAA distinguishes, plus the patient's own use). */
    public enum GrantPurpose {
        TREATMENT, PAYMENT, OPERATIONS, RESEARCH, PERSONAL_USE;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        public static java.util.Optional<GrantPurpose> fromCode(String code) {
            for (GrantPurpose purpose : values()) {
                if (purpose.code().equals(code)) {
                    return java.util.Optional.of(purpose);
                }
            }
            return java.util.Optional.empty();
        }
    }
}
