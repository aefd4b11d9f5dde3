package org.carechart.sharing.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@RegisterForReflection
@Schema(description = "A grant (consent) to create")
public record GrantRequest(
        @Schema(description = "provider, organization or app", examples = "provider") String granteeType,
        @Schema(description = "the provider's or app's account id, or the organization's id") UUID granteeId,
        @Schema(description = "data category codes, at least one", examples = "[\"condition\", \"medication\"]") List<String> categories,
        @Schema(description = "treatment, payment, operations, research or personal-use") String purpose,
        @Schema(description = "optional; must be in the future") Instant expiresAt) {
}
