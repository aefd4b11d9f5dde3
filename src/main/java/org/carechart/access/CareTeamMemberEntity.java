package org.carechart.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A provider's place on a patient's care team, from {@code startsAt} until {@code endsAt}. Never deleted. */
@Entity
@Table(name = "care_team_member")
public class CareTeamMemberEntity {
    @Id
    public UUID id;
    @Column(name = "patient_id", nullable = false)
    public UUID patientId;
    @Column(name = "provider_id", nullable = false)
    public UUID providerId;
    @Column(nullable = false)
    public String role;
    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;
    @Column(name = "ends_at")
    public Instant endsAt;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "created_by")
    public UUID createdBy;
}
