package org.carechart.sharing.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@RegisterForReflection
@Schema(requiredProperties = {"id", "patientId", "granteeType", "granteeId", "categories", "purpose", "createdAt", "status"}, description = "A grant (consent) the patient gave",
        examples = "{\"id\":\"5c8e2f1a-7b3d-4e9c-a6f0-2d4b8e1c7a93\",\"patientId\":\"0b8e4d2a-5f6c-4a1b-8e3d-9c7f2a1b6d50\",\"granteeType\":\"provider\",\"granteeId\":\"9d3b7c1e-2a4f-4e6d-8b0a-1c5e7f9a3b20\",\"granteeName\":\"Dr. Hannah Lee\",\"categories\":[\"condition\",\"medication\"],\"purpose\":\"treatment\",\"expiresAt\":\"2027-06-01T00:00:00.000Z\",\"createdAt\":\"2026-12-03T09:15:00.120Z\",\"status\":\"active\"}")
public record GrantView(UUID id, UUID patientId, @Schema(enumeration = {"provider", "organization", "app"}) String granteeType, UUID granteeId, String granteeName,
                        List<String> categories, @Schema(enumeration = {"treatment", "payment", "operations", "research", "personal-use"}) String purpose, Instant expiresAt, Instant createdAt,
                        Instant revokedAt,
                        @Schema(enumeration = {"active", "expired", "revoked", "ended"}, description = "active, expired, revoked, or ended (the proxy link it was made under ended)") String status) {
}
