package org.carechart.oauth.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
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
@Schema(examples = "{\"clientId\":\"my-diary\",\"name\":\"My Health Diary\",\"clientType\":\"public\",\"organizationId\":\"2e7a9c4b-1d3f-4b6e-8a0c-5f9d1b3e7c26\",\"redirectUris\":[\"https://diary.example/callback\"],\"scopes\":[\"launch/patient\",\"openid\",\"fhirUser\",\"offline_access\",\"patient/*.rs\"],\"purpose\":\"personal-use\"}")
public record AppRegistration(@JsonProperty("clientId") String clientId, String name, String clientType,
                              UUID organizationId, List<String> redirectUris, List<String> scopes, String purpose,
                              java.util.Map<String, Object> jwks, String jwksUrl) {
}
