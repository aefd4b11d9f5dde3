package org.carechart.oauth.api;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A registered app as admins see it. {@code accountId} is the grantee id patients' grants name. */
@RegisterForReflection
public record AppView(String clientId, String name, String clientType, UUID accountId, UUID organizationId,
                      List<String> redirectUris, List<String> scopes, String purpose, java.util.Map<String, Object> jwks, String jwksUrl,
                      Instant createdAt, Instant disabledAt) {
}
