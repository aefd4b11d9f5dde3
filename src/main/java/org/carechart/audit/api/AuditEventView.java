package org.carechart.audit.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An audit event as reviewers (records staff, administrators) see it: every recorded field. */
@RegisterForReflection
public record AuditEventView(UUID id, Instant occurredAt, String chain, long seq, UUID actorId, String actorName,
                             List<String> actorRoles, UUID organizationId, UUID actingFor, UUID patientId,
                             String action, String resourceType, String resourceId, String query, String basis,
                             String purpose, String outcome, String clientAddress, String userAgent, String hash) {
}
