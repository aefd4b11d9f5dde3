package org.carechart.identity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * One refresh token of a family (a sign-in and every rotation after it). Only the SHA-256 of the
 * token is kept: a copy of the table lets no one sign in.
 */
@Entity
@Table(name = "refresh_token")
public class RefreshToken extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "family_id")
    public UUID familyId;

    @Column(name = "account_id")
    public UUID accountId;

    @Column(name = "token_hash")
    public byte[] tokenHash;

    @Column(name = "issued_at")
    public Instant issuedAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "used_at")
    public Instant usedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;
}
