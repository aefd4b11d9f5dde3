package org.carechart.sharing.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@RegisterForReflection
@Schema(description = "One disclosure of the patient's data (45 CFR 164.528)")
public record DisclosureView(UUID id, Instant occurredAt, Recipient recipient,
                             @Schema(description = "what was done: read, search, export, ...") String action,
                             @Schema(description = "what was disclosed: the resource type (or category) and id") String resourceType,
                             String resourceId,
                             @Schema(description = "for searches and share links: the filters or categories involved") String detail,
                             @Schema(description = "treatment, payment, operations, research or personal-use, when known") String purpose,
                             @Schema(description = "grant, share-link, break-the-glass, staff or care-team") String basis) {

    @RegisterForReflection
    public record Recipient(UUID id, String name, List<String> roles, UUID organizationId, String organizationName) {
    }
}
