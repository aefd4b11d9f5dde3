package org.carechart.sharing.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@RegisterForReflection
@Schema(description = "A new share link with its token. The token is shown only this once; Carechart keeps only its hash.")
public record ShareLinkCreated(ShareLinkView link,
                               @Schema(description = "256 random bits, base64url") String token,
                               @Schema(description = "the path to give the recipient", examples = "/api/v1/shared/3q2-...") String path) {
}
