package org.carechart.oauth;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import org.carechart.identity.Caller;
import org.carechart.identity.ClientInfos;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.carechart.oauth.api.AppTokenResponse;
import org.carechart.oauth.api.Introspection;
import org.carechart.oauth.api.OAuthError;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The token (RFC 6749 §3.2), revocation (RFC 7009) and introspection (RFC 7662) endpoints for
 * registered apps. Errors are RFC 6749 JSON ({@code error}, {@code error_description}); every
 * answer forbids caching.
 */
@Path("/oauth2")
@PermitAll
@SecurityRequirements
@Tag(name = "OAuth", description = "SMART App Launch 2.0 authorization server for third-party apps")
public class TokenEndpointResource {

    @Inject
    AppTokenService tokens;

    @Inject
    CurrentVertxRequest current;

    /** Where the request came from, for the audit trail. */
    private Caller.ClientInfo client() {
        return current.getCurrent() == null ? Caller.ClientInfo.UNKNOWN : ClientInfos.of(current.getCurrent().request());
    }

    @POST
    @Path("/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Get tokens: authorization_code (+ code_verifier), refresh_token, or client_credentials "
            + "(Backend Services, private_key_jwt)",
            description = "Public apps send client_id; confidential apps client_assertion_type="
                    + ClientAssertions.JWT_BEARER + " and client_assertion (RS384 or ES384, aud = this URL, exp at most "
                    + "5 minutes ahead, a new jti each time). The answer carries the scopes actually granted and, for "
                    + "patient/ scopes, the patient.")
    @APIResponse(responseCode = "200", description = "Tokens",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AppTokenResponse.class)))
    @APIResponse(responseCode = "400", description = "invalid_request, invalid_grant, invalid_scope, unsupported_grant_type",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OAuthError.class)))
    @APIResponse(responseCode = "401", description = "invalid_client: unknown client, or a client assertion that is refused",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OAuthError.class)))
    public Uni<Response> token(@RestForm("grant_type") String grantType, @RestForm String code,
                               @RestForm("redirect_uri") String redirectUri, @RestForm("code_verifier") String codeVerifier,
                               @RestForm("refresh_token") String refreshToken, @RestForm String scope,
                               @RestForm("client_id") String clientId,
                               @RestForm("client_assertion_type") String assertionType,
                               @RestForm("client_assertion") String assertion) {
        AppTokenService.ClientAuth auth = new AppTokenService.ClientAuth(clientId, assertionType, assertion, client());
        Uni<AppTokenResponse> answer;
        if ("authorization_code".equals(grantType)) {
            answer = tokens.authorizationCode(auth, code, redirectUri, codeVerifier);
        } else if ("refresh_token".equals(grantType)) {
            answer = tokens.refresh(auth, refreshToken, scope);
        } else if ("client_credentials".equals(grantType)) {
            answer = tokens.clientCredentials(auth, scope);
        } else {
            answer = Uni.createFrom().failure(grantType == null
                    ? OAuthException.invalidRequest("grant_type is required")
                    : OAuthException.unsupportedGrantType("grant_type must be authorization_code, refresh_token or client_credentials"));
        }
        return answer.map(body -> noStore(Response.ok(body)).build());
    }

    @POST
    @Path("/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Revoke a refresh token and every token rotated from the same approval (RFC 7009)",
            description = "Answers 200 for unknown tokens too. Access tokens live at most 5 minutes; revoking the grant "
                    + "(DELETE /api/v1/patients/{p}/grants/{id}) ends them at once.")
    @APIResponse(responseCode = "200", description = "Revoked, or it was not a valid token of this client")
    @APIResponse(responseCode = "401", description = "invalid_client",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OAuthError.class)))
    public Uni<Response> revoke(@RestForm String token, @RestForm("token_type_hint") String hint,
                                @RestForm("client_id") String clientId, @RestForm("client_assertion_type") String assertionType,
                                @RestForm("client_assertion") String assertion) {
        return tokens.revoke(new AppTokenService.ClientAuth(clientId, assertionType, assertion, client()), token)
                .map(ignored -> noStore(Response.ok()).build());
    }

    @POST
    @Path("/introspect")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Is this token active, and what does it allow? (RFC 7662; a client asks about its own tokens)")
    @APIResponse(responseCode = "200", description = "active with scope, client_id, exp, patient, iss, sub; or only active=false",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Introspection.class)))
    @APIResponse(responseCode = "401", description = "invalid_client",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OAuthError.class)))
    public Uni<Response> introspect(@RestForm String token, @RestForm("token_type_hint") String hint,
                                    @RestForm("client_id") String clientId,
                                    @RestForm("client_assertion_type") String assertionType,
                                    @RestForm("client_assertion") String assertion) {
        return tokens.introspect(new AppTokenService.ClientAuth(clientId, assertionType, assertion, client()), token)
                .map(body -> noStore(Response.ok(body)).build());
    }

    /** RFC 6749 §5.2 errors; a client that failed to authenticate is told how to (RFC 6750 §3). */
    @ServerExceptionMapper
    public Response oauthError(OAuthException e) {
        Response.ResponseBuilder builder = noStore(Response.status(e.status()))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new OAuthError(e.error(), e.description()));
        if (e.status() == 401) {
            builder.header("WWW-Authenticate", "Bearer realm=\"carechart\", error=\"" + e.error() + "\"");
        }
        return builder.build();
    }

    private static Response.ResponseBuilder noStore(Response.ResponseBuilder builder) {
        return builder.header("Cache-Control", "no-store").header("Pragma", "no-cache");
    }
}
