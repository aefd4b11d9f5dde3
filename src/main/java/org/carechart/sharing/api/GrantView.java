package org.carechart.sharing.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@RegisterForReflection
@Schema(description = "A grant (consent) the patient gave")
public record GrantView(UUID id, UUID patientId, String granteeType, UUID granteeId, String granteeName,
                        List<String> categories, String purpose, Instant expiresAt, Instant createdAt,
                        Instant revokedAt,
                        @Schema(description = "active, expired, revoked, or ended (the proxy link it was made under ended)") String status) {
}
