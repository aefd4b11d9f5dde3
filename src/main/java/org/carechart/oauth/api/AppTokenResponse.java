package org.carechart.oauth.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/** The token endpoint's answer (RFC 6749 §5.1, SMART App Launch 2.0 §token response). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Tokens for a registered app")
@RegisterForReflection
public record AppTokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        @Schema(description = "the scopes actually granted (may be fewer than asked for)") String scope,
        @Schema(description = "the patient in context, for patient/ scopes") UUID patient,
        @JsonProperty("refresh_token") @Schema(description = "with offline_access only; rotates on each use") String refreshToken,
        @JsonProperty("id_token") @Schema(description = "with openid: RS256, with fhirUser") String idToken,
        @JsonProperty("need_patient_banner") Boolean needPatientBanner) {
}
