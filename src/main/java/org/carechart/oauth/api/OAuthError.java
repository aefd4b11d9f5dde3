package org.carechart.oauth.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.annotation.JsonProperty;

/** An OAuth error body (RFC 6749 §5.2). */
@RegisterForReflection
@Schema(requiredProperties = {"error"}, examples = "{\"error\":\"invalid_grant\",\"error_description\":\"the code was already used or has expired\"}")
public record OAuthError(String error, @JsonProperty("error_description") String errorDescription) {
}
