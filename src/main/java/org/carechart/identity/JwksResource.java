package org.carechart.identity;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public key of the embedded issuer, for anyone who verifies its tokens. */
@Path("/.well-known/jwks.json")
@Tag(name = "Identity", description = "Tokens and who is calling")
public class JwksResource {

    static final String JWKS_MEDIA_TYPE = "application/jwk-set+json";

    @Inject
    SigningKey signingKey;

    @GET
    @Produces({"application/json", JWKS_MEDIA_TYPE})
    @Operation(operationId = "getSigningKeys", summary = "The embedded issuer's public signing keys as a JWK set (kid = RFC 7638 thumbprint)")
    @APIResponse(responseCode = "200", description = "The JWK set (RFC 7517); cacheable for 5 minutes",
            content = {@Content(mediaType = "application/json", schema = @Schema(ref = "JwkSet")),
                    @Content(mediaType = JWKS_MEDIA_TYPE, schema = @Schema(ref = "JwkSet"))})
    public Response jwks() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(300);
        return Response.ok(signingKey.jwks()).cacheControl(cache).build();
    }
}
