package org.carechart.sharing.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@RegisterForReflection
@Schema(requiredProperties = {"link", "token", "path"}, description = "A new share link with its token. The token is shown only this once; Carechart keeps only its hash.",
        examples = "{\"link\":{\"id\":\"c7d1e5a9-3f2b-4c8d-9e6a-4b0f2d8c1e57\",\"patientId\":\"0b8e4d2a-5f6c-4a1b-8e3d-9c7f2a1b6d50\",\"label\":\"For Dr. Okafor, second opinion\",\"categories\":[\"condition\",\"observation\"],\"expiresAt\":\"2026-12-10T00:00:00.000Z\",\"passcodeRequired\":true,\"maxUses\":3,\"useCount\":0,\"createdAt\":\"2026-12-03T09:15:00.120Z\",\"status\":\"active\"},\"token\":\"3q2-7wXaB9kLmN0pQrStUvWxYz1A2b3C4d5E6f7G8hI\",\"path\":\"/api/v1/shared/3q2-7wXaB9kLmN0pQrStUvWxYz1A2b3C4d5E6f7G8hI\"}")
public record ShareLinkCreated(ShareLinkView link,
                               @Schema(description = "256 random bits, base64url") String token,
                               @Schema(description = "the path to give the recipient", examples = "/api/v1/shared/3q2-...") String path) {
}
