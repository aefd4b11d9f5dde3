package org.carechart.oauth;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

/** What an app reads first: the SMART configuration and OpenID discovery. */
@QuarkusTest
class DiscoveryTest {

    @Test
    void smartConfigurationNamesTheEndpointsAndCapabilities() {
        given().get("/.well-known/smart-configuration").then().statusCode(200)
                .body("issuer", equalTo("https://carechart.local/issuer"))
                .body("authorization_endpoint", equalTo("https://carechart.test/oauth2/authorize"))
                .body("token_endpoint", equalTo(SmartApps.TOKEN_URL))
                .body("jwks_uri", equalTo("https://carechart.test/.well-known/jwks.json"))
                .body("introspection_endpoint", equalTo("https://carechart.test/oauth2/introspect"))
                .body("revocation_endpoint", equalTo("https://carechart.test/oauth2/revoke"))
                .body("code_challenge_methods_supported", equalTo(java.util.List.of("S256")))
                .body("code_challenge_methods_supported", not(hasItem("plain")))
                .body("token_endpoint_auth_signing_alg_values_supported", hasItems("RS384", "ES384"))
                .body("grant_types_supported", hasItems("authorization_code", "refresh_token", "client_credentials"))
                .body("capabilities", hasItems("launch-standalone", "client-public", "client-confidential-asymmetric",
                        "permission-v2", "permission-patient", "permission-user", "permission-offline",
                        "context-standalone-patient", "sso-openid-connect"))
                .body("scopes_supported", hasItems("openid", "fhirUser", "launch/patient", "offline_access", "patient/*.rs",
                        "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory"));
    }

    @Test
    void openidConfigurationSaysIdTokensAreRs256() {
        given().get("/.well-known/openid-configuration").then().statusCode(200)
                .body("issuer", equalTo("https://carechart.local/issuer"))
                .body("id_token_signing_alg_values_supported", equalTo(java.util.List.of("RS256")))
                .body("response_types_supported", equalTo(java.util.List.of("code")))
                .body("claims_supported", hasItem("fhirUser"));
        given().get("/.well-known/jwks.json").then().statusCode(200).body("keys[0].alg", equalTo("RS256"));
    }
}
