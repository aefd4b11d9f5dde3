package org.carechart.sharing.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@RegisterForReflection
@Schema(description = "A share link as its owner sees it (never the token: that is shown only once, at creation)",
        requiredProperties = {"id", "patientId", "passcodeRequired", "useCount", "createdAt", "status"},
        examples = "{\"id\":\"c7d1e5a9-3f2b-4c8d-9e6a-4b0f2d8c1e57\",\"patientId\":\"0b8e4d2a-5f6c-4a1b-8e3d-9c7f2a1b6d50\",\"label\":\"For Dr. Okafor, second opinion\",\"categories\":[\"condition\",\"observation\"],\"expiresAt\":\"2026-12-10T00:00:00.000Z\",\"passcodeRequired\":true,\"maxUses\":3,\"useCount\":0,\"createdAt\":\"2026-12-03T09:15:00.120Z\",\"status\":\"active\"}")
public record ShareLinkView(UUID id, UUID patientId, String label, List<String> categories, List<UUID> entryIds,
                            Instant expiresAt, boolean passcodeRequired, Integer maxUses, int useCount,
                            Instant lastUsedAt, Instant createdAt, Instant revokedAt,
                            @Schema(enumeration = {"active", "expired", "revoked", "used-up", "locked", "ended"}, description = "active, expired, revoked, used-up, locked, or ended (the proxy link it was made under ended)") String status) {
}
