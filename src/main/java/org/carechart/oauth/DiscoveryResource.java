package org.carechart.oauth;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.carechart.identity.AccessTokens;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SMART App Launch 2.0 and OpenID Connect discovery: where the endpoints are, and what this server supports. */
@Path("/.well-known")
@PermitAll
@SecurityRequirements
@Tag(name = "OAuth", description = "SMART App Launch 2.0 authorization server for third-party apps")
public class DiscoveryResource {

    static final List<String> CAPABILITIES = List.of("launch-standalone", "client-public", "client-confidential-asymmetric",
            "permission-v1", "permission-v2", "permission-patient", "permission-user", "permission-offline",
            "context-standalone-patient", "sso-openid-connect", "authorize-post");

    @Inject
    OAuthConfig config;

    @Inject
    AccessTokens tokens;

    @GET
    @Path("/smart-configuration")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "SMART App Launch 2.0 configuration: endpoints, capabilities, scopes")
    public Response smart() {
        Map<String, Object> body = common();
        body.put("capabilities", CAPABILITIES);
        body.put("introspection_endpoint", config.publicBaseUrl() + "/oauth2/introspect");
        body.put("revocation_endpoint", config.publicBaseUrl() + "/oauth2/revoke");
        body.put("management_endpoint", config.publicBaseUrl() + "/api/v1/patients/{patientId}/grants");
        return cached(body);
    }

    @GET
    @Path("/openid-configuration")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "OpenID Connect discovery (id tokens are RS256 and carry fhirUser)")
    public Response openid() {
        Map<String, Object> body = common();
        body.put("subject_types_supported", List.of("public"));
        body.put("id_token_signing_alg_values_supported", List.of("RS256"));
        body.put("claims_supported", List.of("iss", "sub", "aud", "exp", "iat", "nonce", "fhirUser"));
        body.put("introspection_endpoint", config.publicBaseUrl() + "/oauth2/introspect");
        body.put("revocation_endpoint", config.publicBaseUrl() + "/oauth2/revoke");
        return cached(body);
    }

    private Map<String, Object> common() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("issuer", tokens.issuer());
        body.put("jwks_uri", config.publicBaseUrl() + "/.well-known/jwks.json");
        body.put("authorization_endpoint", config.publicBaseUrl() + "/oauth2/authorize");
        body.put("token_endpoint", config.tokenUrl());
        body.put("grant_types_supported", List.of("authorization_code", "refresh_token", "client_credentials"));
        body.put("response_types_supported", List.of("code"));
        body.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt", "none"));
        body.put("token_endpoint_auth_signing_alg_values_supported", ClientAssertions.algorithms());
        body.put("code_challenge_methods_supported", List.of("S256"));
        body.put("scopes_supported", List.copyOf(Scopes.SUPPORTED.keySet()));
        return body;
    }

    private static Response cached(Map<String, Object> body) {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(300);
        return Response.ok(body).cacheControl(cache).build();
    }
}
