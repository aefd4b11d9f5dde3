package org.carechart.identity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** A login of any kind: patient, proxy, provider, staff, admin or app. */
@Entity
@Table(name = "account")
public class Account extends PanacheEntityBase {

    @Id
    public UUID id;

    public String username;

    @Column(name = "password_hash")
    public String passwordHash;

    @Column(name = "display_name")
    public String displayName;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public String[] roles;

    @Column(name = "organization_id")
    public UUID organizationId;

    @Column(name = "patient_id")
    public UUID patientId;

    @Column(name = "failed_logins")
    public int failedLogins;

    @Column(name = "locked_until")
    public Instant lockedUntil;

    @Column(name = "created_at")
    public Instant createdAt;

    /** Set when an administrator disabled the account: no sign-in, no refresh, no access token works. */
    @Column(name = "disabled_at")
    public Instant disabledAt;

    /** Access tokens issued before this instant stop working (sign out everywhere, disable, role change). */
    @Column(name = "sessions_revoked_at")
    public Instant sessionsRevokedAt;

    public Set<Role> roleSet() {
        return Arrays.stream(roles == null ? new String[0] : roles)
                .map(Role::fromClaim).flatMap(Optional::stream)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
