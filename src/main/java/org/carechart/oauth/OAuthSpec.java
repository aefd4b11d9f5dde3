package org.carechart.oauth;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.carechart.common.OpenApiContract;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The OAuth 2.0 security scheme of the published spec, with every flow this authorization server
 * supports and the scopes of {@link Scopes#SUPPORTED} (the list discovery publishes too). It lives
 * here, beside the scopes, so the contract filter in {@code common} need not know them.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class OAuthSpec implements OASFilter {

    static final String AUTHORIZE_URL = "/oauth2/authorize";
    static final String APP_TOKEN_URL = "/oauth2/token";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        Components components = api.getComponents() == null ? OASFactory.createComponents() : api.getComponents();
        api.setComponents(components);
                Map<String, String> appScopes = new LinkedHashMap<>();
        Map<String, String> systemScopes = new LinkedHashMap<>();
        Scopes.SUPPORTED.forEach((scope, meaning) -> (scope.startsWith("system/") ? systemScopes : appScopes).put(scope, meaning));
        components.addSecurityScheme(OpenApiContract.OAUTH2, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.OAUTH2)
                .description("Carechart is the authorization server. Third-party apps: SMART App Launch 2.0, the "
                        + "authorization code flow with PKCE (S256 only, required) at " + AUTHORIZE_URL + " and " + APP_TOKEN_URL
                        + "; send aud = the FHIR base and state; public apps authenticate with client_id, confidential "
                        + "apps with private_key_jwt (no client secrets). The patient approves on the consent page and "
                        + "may narrow the scopes; the token response's scope says what was granted. Backend Services "
                        + "(system clients): client_credentials with a private_key_jwt assertion, system/ scopes, no refresh "
                        + "token. Accounts registered with Carechart (people and staff): the password grant at " + OpenApiContract.TOKEN_URL
                        + " with rotating refresh tokens, no scopes (their role and the patient's grants decide). An operation "
                        + "needs no particular scope: the access policy checks every request against the account's role, the "
                        + "patient's grant and the token's scopes. Access tokens are RS256 JWTs checked as RFC8725 asks, living at most "
                        + "5 minutes. See docs/api.md, \"Getting a token\" and \"Connecting a third-party app (SMART)\".")
                .flows(OASFactory.createOAuthFlows()
                        .authorizationCode(OASFactory.createOAuthFlow().authorizationUrl(AUTHORIZE_URL)
                                .tokenUrl(APP_TOKEN_URL).refreshUrl(APP_TOKEN_URL).scopes(appScopes))
                        .clientCredentials(OASFactory.createOAuthFlow().tokenUrl(APP_TOKEN_URL).scopes(systemScopes))
                        .password(OASFactory.createOAuthFlow().tokenUrl(OpenApiContract.TOKEN_URL).refreshUrl(OpenApiContract.TOKEN_URL)
                                .scopes(new LinkedHashMap<>()))));
    }
}
