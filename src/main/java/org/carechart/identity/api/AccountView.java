package org.carechart.identity.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An account as administrators see it: never its password hash. */
@RegisterForReflection
public record AccountView(UUID id, String username, String displayName, List<String> roles, UUID organizationId,
                          UUID patientId, int failedLogins, Instant lockedUntil, boolean locked, Instant createdAt,
                          boolean disabled, Instant disabledAt) {
}
