package org.carechart.identity;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.carechart.common.BearerSecrets;
import org.carechart.embedded.DemoAccounts;
import org.carechart.support.Db;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class TokenFlowTest {

    private static final String ISSUER = "https://carechart.local/issuer";
    private static final String AUDIENCE = "carechart-api";

    @Test
    void aliceSignsInRefreshesAndAReusedRefreshTokenEndsTheWholeSignIn() {
        JsonPath first = SignIn.password("alice", DemoAccounts.PASSWORD)
                .then().statusCode(200)
                .contentType("application/json")
                .header("Cache-Control", containsString("no-store"))
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(300))
                .body("refresh_token", notNullValue())
                .extract().jsonPath();
        String access = first.getString("access_token");
        String refresh1 = first.getString("refresh_token");

        given().auth().oauth2(access).when().get("/api/v1/me")
                .then().statusCode(200)
                .body("patientId", equalTo(DemoAccounts.ALICE_PATIENT.toString()))
                .body("roles", hasItem("patient"));
        assertTrue(Db.count("select count(*) from audit_event where actor_id = ? and action = 'login' "
                + "and outcome = 'success' and occurred_at > now() - interval '1 minute'", DemoAccounts.ALICE_ACCOUNT) >= 1,
                "the sign-in is in the audit trail");

        JsonPath second = SignIn.refresh(refresh1).then().statusCode(200)
                .body("token_type", equalTo("Bearer")).extract().jsonPath();
        String refresh2 = second.getString("refresh_token");
        assertNotEquals(refresh1, refresh2, "each use rotates the refresh token");
        assertEquals(1, Db.count("select count(distinct family_id) from refresh_token where token_hash in (?, ?)",
                BearerSecrets.sha256(refresh1), BearerSecrets.sha256(refresh2)), "the new token stays in the family");
        given().auth().oauth2(second.getString("access_token")).when().get("/api/v1/me")
                .then().statusCode(200).body("patientId", equalTo(DemoAccounts.ALICE_PATIENT.toString()));

        // The first token comes back (a thief's copy, or the owner's stale one): the whole sign-in ends.
        SignIn.refresh(refresh1).then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("https://carechart.org/problems/invalid-grant"));
        SignIn.refresh(refresh2).then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("https://carechart.org/problems/invalid-grant"));
        assertTrue(Db.count("select count(*) from audit_event where actor_id = ? and action = 'token-refresh' "
                + "and outcome = 'denied' and occurred_at > now() - interval '1 minute'", DemoAccounts.ALICE_ACCOUNT) >= 1,
                "the reuse is in the audit trail");
    }

    @Test
    void signOutRevokesTheRefreshTokenAndASignedOutRefreshIsRefused() {
        JsonPath tokens = SignIn.password("dr.lee", DemoAccounts.PASSWORD).then().statusCode(200).extract().jsonPath();
        String refresh = tokens.getString("refresh_token");
        long logoutsBefore = Db.count("select count(*) from audit_event where actor_id = ? and action = 'logout'",
                DemoAccounts.DR_LEE);

        SignIn.revoke(refresh).then().statusCode(200);

        SignIn.refresh(refresh).then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("https://carechart.org/problems/invalid-grant"));
        assertEquals(logoutsBefore + 1, Db.count("select count(*) from audit_event where actor_id = ? and action = 'logout'",
                DemoAccounts.DR_LEE));
        // Revoking again, or revoking nonsense, answers the same: nothing is learnt about which tokens exist.
        SignIn.revoke(refresh).then().statusCode(200);
        SignIn.revoke("not-a-token").then().statusCode(200);
    }

    @Test
    void aSignedInCallerWithoutATokenInTheBodyIsSignedOutEverywhere() {
        String username = "everywhere-" + UUID.randomUUID().toString().substring(0, 8);
        Accounts.create(username, "a-long-password-1", "staff", DemoAccounts.RIVERSIDE);
        JsonPath phone = SignIn.password(username, "a-long-password-1").then().statusCode(200).extract().jsonPath();
        JsonPath laptop = SignIn.password(username, "a-long-password-1").then().statusCode(200).extract().jsonPath();

        given().auth().oauth2(phone.getString("access_token")).contentType("application/x-www-form-urlencoded")
                .when().post("/api/v1/auth/revoke")
                .then().statusCode(200);

        SignIn.refresh(phone.getString("refresh_token")).then().statusCode(401);
        SignIn.refresh(laptop.getString("refresh_token")).then().statusCode(401);
    }

    @Test
    void revokeWithNeitherATokenNorASignedInCallerIsRefused() {
        given().contentType("application/x-www-form-urlencoded").when().post("/api/v1/auth/revoke")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void theAccessTokenCarriesTheClaimsAndIsSignedByTheKeyTheJwksPublishes() throws Exception {
        String access = SignIn.password("dr.lee", DemoAccounts.PASSWORD).then().statusCode(200)
                .extract().jsonPath().getString("access_token");
        String jwks = given().when().get("/.well-known/jwks.json")
                .then().statusCode(200)
                .body("keys[0].kty", equalTo("RSA"))
                .body("keys[0].alg", equalTo("RS256"))
                .body("keys[0].d", equalTo(null))
                .extract().asString();
        RSAKey key = JWKSet.parse(jwks).getKeys().get(0).toRSAKey();
        assertEquals(key.computeThumbprint().toString(), key.getKeyID(), "kid is the RFC 7638 thumbprint");

        SignedJWT jwt = SignedJWT.parse(access);
        assertEquals(key.getKeyID(), jwt.getHeader().getKeyID());
        assertTrue(jwt.verify(new RSASSAVerifier(key)), "the published key verifies the token");
        var claims = jwt.getJWTClaimsSet();
        assertEquals(ISSUER, claims.getIssuer());
        assertEquals(AUDIENCE, claims.getAudience().get(0));
        assertEquals(DemoAccounts.DR_LEE.toString(), claims.getSubject());
        assertEquals(java.util.List.of("provider"), claims.getStringListClaim("groups"));
        assertEquals("Dr. Hannah Lee", claims.getStringClaim("name"));
        assertEquals(DemoAccounts.RIVERSIDE.toString(), claims.getStringClaim("org"));
        assertEquals(null, claims.getClaim("patient_id"));
        assertNotEquals(null, claims.getJWTID());
        long lifetime = (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000;
        assertEquals(300, lifetime, "five minutes by default");
        assertTrue(claims.getIssueTime().before(Date.from(Instant.now().plusSeconds(5))));
    }

    @Test
    void refreshTokensAreStoredOnlyAsTheirHash() throws Exception {
        String refresh = SignIn.password("sam.records", DemoAccounts.PASSWORD).then().statusCode(200)
                .extract().jsonPath().getString("refresh_token");
        assertEquals(43, refresh.length(), "256 random bits, base64url without padding");
        byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                .digest(refresh.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(1, Db.count("select count(*) from refresh_token where token_hash = ? and account_id = ?", hash,
                DemoAccounts.SAM_RECORDS));
        assertEquals(0, Db.count("select count(*) from refresh_token where encode(token_hash, 'escape') like ?",
                "%" + refresh + "%"));
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        var wrong = SignIn.password("dr.patel", "not-the-password").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .extract().jsonPath();
        var unknown = SignIn.password("nobody-" + UUID.randomUUID(), "not-the-password").then().statusCode(401)
                .contentType("application/problem+json")
                .extract().jsonPath();
        assertEquals(wrong.getString("type"), unknown.getString("type"));
        assertEquals(wrong.getString("detail"), unknown.getString("detail"));
        assertEquals("https://carechart.org/problems/invalid-grant", wrong.getString("type"));
        // dr.patel signs in again, which resets his failure count.
        SignIn.password("dr.patel", DemoAccounts.PASSWORD).then().statusCode(200);
    }

    @Test
    void badRequestsToTheTokenEndpointAreProblems() {
        given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .when().post("/api/v1/auth/token")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://carechart.org/problems/unsupported-grant-type"));
        given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "password")
                .formParam("username", "alice")
                .when().post("/api/v1/auth/token")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "refresh_token")
                .when().post("/api/v1/auth/token")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType("application/json").body(Map.of("grant_type", "password", "username", "alice",
                        "password", DemoAccounts.PASSWORD))
                .when().post("/api/v1/auth/token")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void aTokenSignedByTheTestHelperStillWorks() {
        given().auth().oauth2(Tokens.alice()).when().get("/api/v1/me").then().statusCode(200);
    }
}
