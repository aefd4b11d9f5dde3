package org.carechart.sharing.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@RegisterForReflection
@Schema(description = "A share link as its owner sees it (never the token: that is shown only once, at creation)")
public record ShareLinkView(UUID id, UUID patientId, String label, List<String> categories, List<UUID> entryIds,
                            Instant expiresAt, boolean passcodeRequired, Integer maxUses, int useCount,
                            Instant lastUsedAt, Instant createdAt, Instant revokedAt,
                            @Schema(description = "active, expired, revoked, used-up, locked, or ended (the proxy link it was made under ended)") String status) {
}
