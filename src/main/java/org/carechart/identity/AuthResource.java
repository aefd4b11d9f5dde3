package org.carechart.identity;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.carechart.common.Problem;
import org.carechart.common.ProblemException;
import org.carechart.common.ProblemMapper;
import org.carechart.common.ProblemType;
import org.carechart.identity.api.TokenResponse;
import org.carechart.ratelimit.RateLimitedException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.UUID;

/** The embedded issuer's OAuth 2.0 endpoints (RFC 6749 token endpoint, RFC 7009 revocation). */
@Path("/api/v1/auth")
@Tag(name = "Identity", description = "Tokens and who is calling")
public class AuthResource {

    @Inject
    TokenService tokens;

    @Inject
    CurrentIdentityAssociation identity;

    @POST
    @Path("/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "issueToken", summary = "Get tokens: grant_type=password (username, password) or grant_type=refresh_token (refresh_token)",
            description = "Each refresh token works once: its use returns a new one. Presenting a used refresh token again "
                    + "revokes every token of that sign-in. Wrong credentials and bad refresh tokens answer 401 invalid-grant; "
                    + "too many requests (per client address, per username) or repeated wrong passwords from one address "
                    + "answer 429 with Retry-After and RateLimit fields; no account is ever locked by failed sign-ins.")
    @APIResponse(responseCode = "400", description = "unsupported-grant-type or a missing field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "invalid-grant: wrong username or password, or a refresh token "
            + "that is unknown, expired, revoked or already used (the same answer for each)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "too-many-requests: a quota is used up, or this address must wait "
            + "after repeated wrong passwords for this username (Retry-After in seconds, RateLimit and RateLimit-Policy fields)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not application/x-www-form-urlencoded",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "200", description = "The tokens (RFC 6749 section 5.1)")
    public Uni<TokenResponse> token(@RestForm("grant_type") String grantType, @RestForm String username,
                                    @RestForm String password, @RestForm("refresh_token") String refreshToken,
                                    @Context HttpServerRequest request) {
        Caller.ClientInfo client = ClientInfos.of(request);
        if ("password".equals(grantType)) {
            return tokens.passwordGrant(username, password, client);
        }
        if ("refresh_token".equals(grantType)) {
            return tokens.refreshGrant(refreshToken, client);
        }
        return Uni.createFrom().failure(new ProblemException(ProblemType.UNSUPPORTED_GRANT_TYPE,
                "grant_type must be password or refresh_token."));
    }

    @POST
    @Path("/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(operationId = "revokeToken", summary = "Sign out: revoke a refresh token (and every token rotated from the same sign-in)",
            description = "With token=<refresh token> in the body no access token is needed (RFC 7009); an unknown token "
                    + "is not an error. Without a token, a signed-in caller is signed out everywhere.")
    @Extension(name = "x-auth", value = "optional")
    @APIResponse(responseCode = "200", description = "Revoked, or the token was not valid anyway; the body is empty")
    @APIResponse(responseCode = "401", description = "No token in the body and no valid access token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> revoke(@RestForm String token, @RestForm("token_type_hint") String tokenTypeHint,
                                @Context HttpServerRequest request) {
        Caller.ClientInfo client = ClientInfos.of(request);
        if (token != null && !token.isBlank()) {
            return tokens.revoke(token, client).map(ignored -> Response.ok().build());
        }
        return identity.getDeferredIdentity().chain(caller -> {
            if (caller.isAnonymous() || !(caller.getPrincipal() instanceof JsonWebToken jwt) || jwt.getSubject() == null) {
                return Uni.createFrom().failure(new AuthenticationFailedException());
            }
            UUID accountId;
            try {
                accountId = UUID.fromString(jwt.getSubject());
            } catch (IllegalArgumentException e) {
                return Uni.createFrom().failure(new AuthenticationFailedException());
            }
            return tokens.revokeAll(accountId, client).map(ignored -> Response.ok().build());
        });
    }

    /** 429 with Retry-After and the RateLimit fields (a resource's own mappers come before the global ones). */
    @ServerExceptionMapper
    public Response rateLimited(RateLimitedException e, UriInfo uri) {
        return e.toResponse(uri.getPath());
    }

    /** A 401 names its scheme (RFC 9110); the OAuth error code rides along for OAuth clients. */
    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response response = ProblemMapper.respond(e.toProblem(uri.getPath()));
        if (e.type() != ProblemType.INVALID_GRANT) {
            return response;
        }
        return Response.fromResponse(response)
                .header("WWW-Authenticate", "Bearer realm=\"carechart\", error=\"invalid_grant\"")
                .build();
    }
}
