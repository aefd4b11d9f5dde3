package org.carechart.oauth.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A registered app as admins see it. {@code accountId} is the grantee id patients' grants name. */
@RegisterForReflection
@Schema(requiredProperties = {"clientId", "name", "clientType", "accountId", "redirectUris", "scopes", "purpose", "createdAt"})
public record AppView(String clientId, String name, String clientType, UUID accountId, UUID organizationId,
                      List<String> redirectUris, List<String> scopes, String purpose, java.util.Map<String, Object> jwks, String jwksUrl,
                      Instant createdAt, Instant disabledAt) {
}
