package org.carechart.oauth.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/** The token endpoint's answer (RFC 6749 §5.1, SMART App Launch 2.0 §token response). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Tokens for a registered app", requiredProperties = {"access_token", "token_type", "expires_in", "scope"},
        examples = "{\"access_token\":\"eyJhbGciOiJSUzI1NiIsImtpZCI6IjNxMi03dyJ9.eyJzdWIiOiIwYjhlNGQyYSJ9.c2lnbmF0dXJl\",\"token_type\":\"Bearer\",\"expires_in\":300,\"scope\":\"launch/patient openid fhirUser offline_access patient/Patient.rs patient/Observation.rs\",\"patient\":\"0b8e4d2a-5f6c-4a1b-8e3d-9c7f2a1b6d50\",\"refresh_token\":\"kq0N4t2vXb8yZc1wRm7sLp3dHf6gJe9a\",\"id_token\":\"eyJhbGciOiJSUzI1NiIsImtpZCI6IjNxMi03dyJ9.eyJzdWIiOiIwYjhlNGQyYSJ9.c2lnbmF0dXJl\",\"need_patient_banner\":true}")
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
