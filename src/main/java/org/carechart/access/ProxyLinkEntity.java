package org.carechart.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An account acting for a patient (parent, guardian, caregiver), from {@code startsAt} until {@code endsAt}. Never deleted. */
@Entity
@Table(name = "proxy_link")
public class ProxyLinkEntity {
    @Id
    public UUID id;
    @Column(name = "patient_id", nullable = false)
    public UUID patientId;
    @Column(name = "proxy_account_id", nullable = false)
    public UUID proxyAccountId;
    @Column(nullable = false)
    public String relationship;
    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;
    @Column(name = "ends_at")
    public Instant endsAt;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "created_by")
    public UUID createdBy;
}
