package org.carechart.identity.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An account as administrators see it: never its password hash. */
@RegisterForReflection
@Schema(requiredProperties = {"id", "username", "displayName", "roles", "failedLogins", "locked", "createdAt"})
public record AccountView(UUID id, String username, String displayName, List<String> roles, UUID organizationId,
                          UUID patientId, int failedLogins, Instant lockedUntil, boolean locked, Instant createdAt,
                          boolean disabled, Instant disabledAt) {
}
