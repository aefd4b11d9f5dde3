package org.carechart.audit.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An audit event as reviewers (records staff, administrators) see it: every recorded field. */
@RegisterForReflection
public record AuditEventView(UUID id, Instant occurredAt, String chain, Long seq, UUID actorId, String actorName,
                             List<String> actorRoles, UUID organizationId, UUID actingFor, UUID patientId,
                             String action, String resourceType, String resourceId, String query, @Schema(enumeration = {"self", "proxy", "care-team", "staff", "grant", "share-link", "break-the-glass", "none", "admin"}) String basis,
                             String purpose, @Schema(enumeration = {"success", "denied", "failure"}) String outcome, String clientAddress, String userAgent, String hash) {
}
