package org.carechart.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A provider's emergency access to one patient's chart, with the stated reason, until {@code expiresAt}. */
@Entity
@Table(name = "break_glass_session")
public class BreakGlassSessionEntity {
    @Id
    public UUID id;
    @Column(name = "patient_id", nullable = false)
    public UUID patientId;
    @Column(name = "provider_id", nullable = false)
    public UUID providerId;
    @Column(nullable = false)
    public String reason;
    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;
    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;
}
