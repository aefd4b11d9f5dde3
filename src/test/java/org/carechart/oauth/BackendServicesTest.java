package org.carechart.oauth;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.carechart.support.Db;
import org.carechart.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import org.carechart.support.Tokens;
import org.carechart.embedded.DemoAccounts;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SMART Backend Services: client_credentials with a private_key_jwt assertion. Every assertion
 * failure answers invalid_client; a system token reaches exactly the patients who consented to
 * the client, and no further than its scopes.
 */
@QuarkusTest
class BackendServicesTest {

    private final UUID org = Fixtures.organization();
    private final UUID registryOrg = Fixtures.organization();
    private final RSAKey rsa = SmartApps.rsaKey();
    private final ECKey ec = SmartApps.ecKey();
    private String clientId;

    @BeforeEach
    void registerTheClient() {
        clientId = SmartApps.registerConfidential(registryOrg, List.of(rsa, ec), List.of(), "system/*.rs");
    }

    private String assertion(JWK key) {
        return SmartApps.assertion(key, clientId, SmartApps.TOKEN_URL, Instant.now().plusSeconds(240), UUID.randomUUID().toString());
    }

    @Test
    void rs384AndEs384AssertionsGetShortTokensWithoutRefresh() {
        for (JWK key : List.<JWK>of(rsa, ec)) {
            Response tokens = SmartApps.clientCredentials(assertion(key), "system/*.rs");
            assertEquals(200, tokens.statusCode(), tokens.asString());
            tokens.then().statusCode(200).header("Cache-Control", "no-store").header("Pragma", "no-cache")
                    .body("token_type", equalTo("Bearer")).body("expires_in", lessThanOrEqualTo(300))
                    .body("scope", equalTo("system/*.rs")).body("refresh_token", nullValue()).body("patient", nullValue());
            try {
                SignedJWT jwt = SignedJWT.parse(tokens.path("access_token"));
                long lifetime = jwt.getJWTClaimsSet().getExpirationTime().toInstant().getEpochSecond()
                        - jwt.getJWTClaimsSet().getIssueTime().toInstant().getEpochSecond();
                assertTrue(lifetime <= 300, "lifetime " + lifetime);
            } catch (java.text.ParseException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void aSystemClientReadsOnlyPatientsWhoConsentedToIt() {
        UUID staff = Fixtures.account("staff", org, null);
        UUID consented = Fixtures.patient(org);
        UUID other = Fixtures.patient(org);
        UUID lab = Fixtures.entry(consented, "observation", false, staff);
        Fixtures.entry(consented, "note", false, staff);
        Fixtures.entry(other, "observation", false, staff);
        Fixtures.grant(consented, "app", SmartApps.appAccount(clientId), "observation");
        String token = SmartApps.clientCredentials(assertion(rsa), "system/Observation.rs").path("access_token");

        given().auth().oauth2(token).get("/api/v1/patients/" + consented + "/chart/entries").then().statusCode(200)
                .body("items.id", contains(lab.toString()));
        given().auth().oauth2(token).queryParam("category", "note").get("/api/v1/patients/" + consented + "/chart/entries")
                .then().statusCode(403);
        given().auth().oauth2(token).get("/api/v1/patients/" + other + "/chart/entries").then().statusCode(404);
        // an app token never shares or manages on the patient's behalf, whatever its grant
        given().auth().oauth2(token).get("/api/v1/patients/" + consented + "/grants").then().statusCode(403);
    }

    @Test
    void everySystemTokenIsInTheAuditTrail() {
        SmartApps.clientCredentials(assertion(rsa), "system/Observation.rs").then().statusCode(200);
        List<List<String>> rows = Db.rows("select action, basis, query, resource_id, outcome from audit_event "
                + "where actor_id = ? and resource_type = 'oauth-token'", SmartApps.appAccount(clientId));
        assertEquals(List.of(List.of("login", "app", "system/Observation.rs", clientId, "success")), rows);
    }

    @Test
    void keysPublishedAtAJwksUrlAreFetchedAndRotated() throws Exception {
        RSAKey first = SmartApps.rsaKey();
        RSAKey second = SmartApps.rsaKey();
        java.util.concurrent.atomic.AtomicReference<String> published = new java.util.concurrent.atomic.AtomicReference<>(
                new com.nimbusds.jose.jwk.JWKSet(first.toPublicJWK()).toString());
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwks.json", exchange -> {
            byte[] body = published.get().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://localhost:" + server.getAddress().getPort() + "/jwks.json";
            String id = "sys-" + UUID.randomUUID().toString().substring(0, 13);
            SmartApps.register(java.util.Map.of("clientId", id, "name", "Registry " + id.substring(4, 8),
                    "clientType", "confidential", "organizationId", registryOrg.toString(), "redirectUris", List.of(),
                    "scopes", List.of("system/*.rs"), "purpose", "payment", "jwksUrl", url)).then().statusCode(201);
            SmartApps.clientCredentials(SmartApps.assertion(first, id, SmartApps.TOKEN_URL, Instant.now().plusSeconds(60),
                    UUID.randomUUID().toString()), "system/*.rs").then().statusCode(200);

            // the client rotates its key: a kid the cache does not know makes the server fetch again
            published.set(new com.nimbusds.jose.jwk.JWKSet(second.toPublicJWK()).toString());
            SmartApps.clientCredentials(SmartApps.assertion(second, id, SmartApps.TOKEN_URL, Instant.now().plusSeconds(60),
                    UUID.randomUUID().toString()), "system/*.rs").then().statusCode(200);
            // a key the published set no longer holds is refused
            Response stale = SmartApps.clientCredentials(SmartApps.assertion(SmartApps.rsaKey(), id, SmartApps.TOKEN_URL,
                    Instant.now().plusSeconds(60), UUID.randomUUID().toString()), "system/*.rs");
            stale.then().statusCode(401).body("error", equalTo("invalid_client"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aWrongAudienceIsRefused() {
        refused(SmartApps.assertion(rsa, clientId, "https://carechart.test/oauth2/authorize", Instant.now().plusSeconds(60),
                UUID.randomUUID().toString()));
    }

    @Test
    void anExpiredAssertionIsRefused() {
        refused(SmartApps.assertion(rsa, clientId, SmartApps.TOKEN_URL, Instant.now().minusSeconds(120), UUID.randomUUID().toString()));
    }

    @Test
    void anAssertionValidForMoreThanFiveMinutesIsRefused() {
        refused(SmartApps.assertion(rsa, clientId, SmartApps.TOKEN_URL, Instant.now().plusSeconds(3600), UUID.randomUUID().toString()));
    }

    @Test
    void aReplayedJtiIsRefused() {
        String jti = UUID.randomUUID().toString();
        SmartApps.clientCredentials(SmartApps.assertion(rsa, clientId, SmartApps.TOKEN_URL, Instant.now().plusSeconds(60), jti),
                "system/*.rs").then().statusCode(200);
        refused(SmartApps.assertion(rsa, clientId, SmartApps.TOKEN_URL, Instant.now().plusSeconds(90), jti));
    }

    @Test
    void anUnknownKidIsRefused() {
        refused(SmartApps.assertion(rsa, "not-registered", clientId, SmartApps.TOKEN_URL, Instant.now().plusSeconds(60),
                UUID.randomUUID().toString()));
        // a key nobody registered, under a registered kid
        RSAKey stranger = SmartApps.rsaKey();
        refused(SmartApps.assertion(stranger, rsa.getKeyID(), clientId, SmartApps.TOKEN_URL, Instant.now().plusSeconds(60),
                UUID.randomUUID().toString()));
    }

    @Test
    void hs256IsRefused() {
        refused(SmartApps.hs256Assertion(clientId, rsa.getKeyID()));
    }

    @Test
    void anUnregisteredScopeIsRefused() {
        SmartApps.clientCredentials(assertion(rsa), "patient/*.rs").then().statusCode(400).body("error", equalTo("invalid_scope"));
        SmartApps.clientCredentials(assertion(rsa), "system/*.cruds").then().statusCode(400).body("error", equalTo("invalid_scope"));
    }

    @Test
    void aConfidentialClientCannotActAsAPublicOne() {
        given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId).formParam("scope", "system/*.rs").post("/oauth2/token")
                .then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void aDisabledClientGetsNoTokens() {
        given().auth().oauth2(Tokens.admin(DemoAccounts.ADMIN))
                .delete("/api/v1/apps/" + clientId).then().statusCode(204);
        refused(assertion(rsa));
    }

    @Test
    void unknownGrantTypesAreNamed() {
        given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "password")
                .formParam("client_id", clientId).post("/oauth2/token")
                .then().statusCode(400).body("error", equalTo("unsupported_grant_type"));
    }

    private void refused(String assertion) {
        Response response = SmartApps.clientCredentials(assertion, "system/*.rs");
        response.then().statusCode(401).contentType("application/json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("error", equalTo("invalid_client")).body("error_description", notNullValue())
                .body("access_token", nullValue());
        assertEquals("no-store", response.header("Cache-Control"));
    }
}
