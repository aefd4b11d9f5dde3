package org.carechart.sharing.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@RegisterForReflection
@Schema(description = "A share link to create: chosen categories or chosen entries (or both)",
        examples = "{\"label\":\"For Dr. Okafor, second opinion\",\"categories\":[\"condition\",\"observation\"],\"expiresAt\":\"2026-12-10T00:00:00Z\",\"passcode\":\"correct-horse-42\",\"maxUses\":3}")
public record ShareLinkRequest(
        @Schema(description = "a note for the patient's own list, e.g. whom it is for") String label,
        @Schema(description = "data category codes") List<String> categories,
        @Schema(description = "ids of chart entries of this patient") List<UUID> entryIds,
        @Schema(description = "required; in the future and at most carechart.sharing.max-link-lifetime (default 30 days) away") Instant expiresAt,
        @Schema(description = "optional, 6 to 128 characters; the holder sends it in the X-Passcode header") String passcode,
        @Schema(description = "optional maximum number of uses") Integer maxUses) {
}
