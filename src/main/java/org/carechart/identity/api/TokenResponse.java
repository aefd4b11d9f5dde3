package org.carechart.identity.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The OAuth 2.0 token response (RFC 6749, section 5.1). */
@RegisterForReflection
@Schema(requiredProperties = {"access_token", "token_type", "expires_in", "refresh_token"},
        examples = "{\"access_token\":\"eyJhbGciOiJSUzI1NiIsImtpZCI6IjNxMi03dyJ9.eyJzdWIiOiIwYjhlNGQyYSJ9.c2lnbmF0dXJl\",\"token_type\":\"Bearer\",\"expires_in\":300,\"refresh_token\":\"kq0N4t2vXb8yZc1wRm7sLp3dHf6gJe9a\"}")
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") @Schema(enumeration = {"Bearer"}) String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("refresh_token") String refreshToken) {

    public static TokenResponse bearer(String accessToken, long expiresIn, String refreshToken) {
        return new TokenResponse(accessToken, "Bearer", expiresIn, refreshToken);
    }
}
