package org.carechart.oauth.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.UUID;

/**
 * A third-party app an admin registers. {@code clientType} is {@code public} (a patient app on a phone or
 * in a browser, PKCE only) or {@code confidential} (authenticates with {@code private_key_jwt}: give
 * {@code jwks} or {@code jwksUrl}). Redirect URIs are compared exactly; {@code scopes} are the most the
 * app may ever ask for. {@code purpose} is recorded on the grants patients give it.
 */
@RegisterForReflection
public record AppRegistration(@JsonProperty("clientId") String clientId, String name, String clientType,
                              UUID organizationId, List<String> redirectUris, List<String> scopes, String purpose,
                              java.util.Map<String, Object> jwks, String jwksUrl) {
}
