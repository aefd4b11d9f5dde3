package org.carechart.sharing.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@RegisterForReflection
@Schema(description = "A grant (consent) to create", requiredProperties = {"granteeType", "granteeId", "categories", "purpose"},
        examples = "{\"granteeType\":\"provider\",\"granteeId\":\"9d3b7c1e-2a4f-4e6d-8b0a-1c5e7f9a3b20\",\"categories\":[\"condition\",\"medication\"],\"purpose\":\"treatment\",\"expiresAt\":\"2027-06-01T00:00:00Z\"}")
public record GrantRequest(
        @Schema(enumeration = {"provider", "organization", "app"}, description = "provider, organization or app", examples = "provider") String granteeType,
        @Schema(description = "the provider's or app's account id, or the organization's id") UUID granteeId,
        @Schema(description = "data category codes, at least one", examples = "[\"condition\", \"medication\"]") List<String> categories,
        @Schema(enumeration = {"treatment", "payment", "operations", "research", "personal-use"}, description = "treatment, payment, operations, research or personal-use") String purpose,
        @Schema(description = "optional; must be in the future") Instant expiresAt) {
}
