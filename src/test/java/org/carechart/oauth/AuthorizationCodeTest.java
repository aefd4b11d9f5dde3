package org.carechart.oauth;

import com.nimbusds.jwt.SignedJWT;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.carechart.support.Db;
import org.carechart.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The authorization code flow with PKCE over plain HTTP: what the app gets, what it may read, and
 * every protocol attack of issue 15 refused with the right OAuth error.
 */
@QuarkusTest
class AuthorizationCodeTest {

    private static final String REDIRECT = "https://diary.example/callback";
    private static final String SCOPES = "launch/patient openid fhirUser offline_access patient/*.rs";

    private final UUID org = Fixtures.organization();
    private final UUID appOrg = Fixtures.organization();
    private final Fixtures.PatientLogin patient = Fixtures.patientLogin(org);
    private final String username = SmartApps.withPassword(patient.account());
    private final UUID staff = Fixtures.account("staff", org, null);
    private final UUID lab = Fixtures.entry(patient.patient(), "observation", false, staff);
    private final UUID note = Fixtures.entry(patient.patient(), "note", false, staff);
    private final String chart = "/api/v1/patients/" + patient.patient() + "/chart/entries";
    private String clientId;

    @BeforeEach
    void registerTheApp() {
        clientId = SmartApps.registerPublic(appOrg, REDIRECT, SCOPES.split(" "));
    }

    private ConsentDriver driver() {
        return new ConsentDriver(clientId, REDIRECT, SCOPES);
    }

    @Test
    void theAppGetsScopedTokensForThePatientWhoApproved() {
        ConsentDriver consent = driver();
        String code = consent.code(username, patient.patient(), List.of("observation", "condition"), true);

        Response tokens = SmartApps.exchange(clientId, code, REDIRECT, consent.verifier);
        tokens.then().statusCode(200)
                .header("Cache-Control", "no-store").header("Pragma", "no-cache")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", lessThanOrEqualTo(300))
                .body("patient", equalTo(patient.patient().toString()))
                .body("refresh_token", notNullValue())
                .body("scope", containsString("patient/Observation.rs"))
                .body("scope", not(containsString("patient/*.rs")))
                .body("scope", not(containsString("DocumentReference")));
        String access = tokens.path("access_token");

        given().auth().oauth2(access).queryParam("category", "observation").get(chart).then().statusCode(200)
                .body("items.id", contains(lab.toString()));
        given().auth().oauth2(access).queryParam("category", "note").get(chart).then().statusCode(403);
        given().auth().oauth2(access).get(chart + "/" + note).then().statusCode(404);
        // another patient's chart, even one who granted this app too, is outside the token's patient
        Fixtures.PatientLogin other = Fixtures.patientLogin(org);
        Fixtures.grant(other.patient(), "app", SmartApps.appAccount(clientId), "observation");
        given().auth().oauth2(access).get("/api/v1/patients/" + other.patient() + "/chart/entries").then().statusCode(404);

        // the grant is the one the patient sees in their list
        given().auth().oauth2(patient.token()).get("/api/v1/patients/" + patient.patient() + "/grants").then().statusCode(200)
                .body("items.find { it.granteeId == '" + SmartApps.appAccount(clientId) + "' }.categories",
                        containsInAnyOrder("observation", "condition"))
                .body("items.find { it.granteeId == '" + SmartApps.appAccount(clientId) + "' }.purpose", equalTo("personal-use"));

        // the id token says who signed in, as a FHIR resource the app can read with its token
        String idToken = tokens.path("id_token");
        try {
            SignedJWT jwt = SignedJWT.parse(idToken);
            assertEquals("RS256", jwt.getHeader().getAlgorithm().getName());
            assertEquals(SmartApps.FHIR_BASE + "/Patient/" + patient.patient(), jwt.getJWTClaimsSet().getStringClaim("fhirUser"));
            assertEquals(List.of(clientId), jwt.getJWTClaimsSet().getAudience());
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
        given().auth().oauth2(access).get("/api/v1/patients/" + patient.patient()).then().statusCode(200);
        given().auth().oauth2(access).accept("application/fhir+json").get("/fhir/r4/Patient/" + patient.patient())
                .then().statusCode(200).body("resourceType", equalTo("Patient")).body("id", equalTo(patient.patient().toString()));

        // introspection, then rotation
        introspect(access).then().statusCode(200).body("active", equalTo(true)).body("client_id", equalTo(clientId))
                .body("patient", equalTo(patient.patient().toString())).body("exp", notNullValue())
                .body("iss", notNullValue()).body("sub", notNullValue());
        String refresh = tokens.path("refresh_token");
        Response rotated = SmartApps.refresh(clientId, refresh);
        rotated.then().statusCode(200).header("Cache-Control", "no-store")
                .body("patient", equalTo(patient.patient().toString())).body("refresh_token", not(equalTo(refresh)));
        // the used one comes back: someone holds a copy, the whole family ends
        SmartApps.refresh(clientId, refresh).then().statusCode(400).body("error", equalTo("invalid_grant"));
        SmartApps.refresh(clientId, rotated.path("refresh_token")).then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void revokingTheGrantEndsTheAccessTokenAndTheRefreshAtOnce() {
        ConsentDriver consent = driver();
        String code = consent.code(username, patient.patient(), List.of("observation"), true);
        Response tokens = SmartApps.exchange(clientId, code, REDIRECT, consent.verifier);
        String access = tokens.path("access_token");
        given().auth().oauth2(access).queryParam("category", "observation").get(chart).then().statusCode(200);

        String grant = given().auth().oauth2(patient.token()).get("/api/v1/patients/" + patient.patient() + "/grants")
                .path("items.find { it.granteeId == '" + SmartApps.appAccount(clientId) + "' }.id");
        given().auth().oauth2(patient.token()).delete("/api/v1/patients/" + patient.patient() + "/grants/" + grant)
                .then().statusCode(204);

        given().auth().oauth2(access).queryParam("category", "observation").get(chart).then().statusCode(404);
        SmartApps.refresh(clientId, tokens.path("refresh_token")).then().statusCode(400).body("error", equalTo("invalid_grant"));
        introspect(access).then().statusCode(200).body("active", equalTo(false)).body("size()", equalTo(1));
    }

    @Test
    void everyTokenTheAppReceivesIsInThePatientsAccessLog() {
        ConsentDriver consent = driver();
        String code = consent.code(username, patient.patient(), List.of("observation"), true);
        Response tokens = SmartApps.exchange(clientId, code, REDIRECT, consent.verifier);
        tokens.then().statusCode(200);
        SmartApps.refresh(clientId, tokens.path("refresh_token")).then().statusCode(200);

        Response log = given().auth().oauth2(patient.token()).get("/api/v1/patients/" + patient.patient() + "/access-log");
        log.then().statusCode(200);
        List<String> summaries = log.path("items.findAll { it.actor.role == 'app' }.summary");
        assertEquals(2, summaries.stream().filter(s -> s.contains("access token to your chart")).count(), summaries.toString());
        assertTrue(summaries.get(0).contains("renewed its access token"), summaries.toString());
        assertTrue(summaries.get(1).contains("received an access token"), summaries.toString());
        // the trail names the grant and the scope actually granted, never the token
        List<List<String>> rows = Db.rows("select action, basis, query, resource_id from audit_event "
                + "where patient_id = ? and resource_type = 'oauth-token' order by occurred_at", patient.patient());
        assertEquals(List.of("login", "token-refresh"), rows.stream().map(r -> r.get(0)).toList());
        assertEquals("grant", rows.get(0).get(1));
        assertTrue(rows.get(0).get(2).contains("patient/Observation.rs"), rows.toString());
        assertTrue(rows.stream().noneMatch(r -> String.join(" ", r).contains((String) tokens.path("access_token"))));
    }

    @Test
    void aProviderAppWithUserScopesSeesOnlyWhatTheProviderMaySee() {
        String userScopes = "openid fhirUser user/Observation.rs";
        String providerApp = SmartApps.registerPublic(appOrg, REDIRECT, userScopes.split(" "));
        UUID provider = Fixtures.account("provider", org, null);
        String providerLogin = SmartApps.withPassword(provider);
        Fixtures.careTeam(patient.patient(), provider);
        UUID stranger = Fixtures.patient(org);
        Fixtures.entry(stranger, "observation", false, staff);

        ConsentDriver consent = new ConsentDriver(providerApp, REDIRECT, userScopes);
        consent.start().then().statusCode(200);
        consent.signIn(providerLogin, SmartApps.PASSWORD).then().statusCode(200);
        Response back = consent.form().formParam("step", "decide").formParam("decision", "approve")
                .formParam("patient", "").formParam("expiry", "P90D").formParam("category", "observation")
                .when().post("/oauth2/authorize");
        assertEquals(303, back.statusCode(), back.asString());
        String code = SmartApps.query(back.header("Location")).get("code");
        Response tokens = SmartApps.exchange(providerApp, code, REDIRECT, consent.verifier);
        tokens.then().statusCode(200).body("patient", nullValue()).body("scope", containsString("user/Observation.rs"));
        String access = tokens.path("access_token");

        // the provider's care-team patient: observations yes, notes no (the scope does not name them)
        given().auth().oauth2(access).queryParam("category", "observation").get(chart).then().statusCode(200)
                .body("items.id", contains(lab.toString()));
        given().auth().oauth2(access).get(chart + "/" + note).then().statusCode(404);
        // a patient the provider does not care for stays out of reach, whatever the scope says
        given().auth().oauth2(access).get("/api/v1/patients/" + stranger + "/chart/entries").then().statusCode(404);
    }

    @Test
    void withoutOfflineAccessThereIsNoRefreshToken() {
        ConsentDriver consent = driver();
        String code = consent.code(username, patient.patient(), List.of("observation"), false);
        SmartApps.exchange(clientId, code, REDIRECT, consent.verifier).then().statusCode(200)
                .body("refresh_token", nullValue()).body("scope", not(containsString("offline_access")));
    }

    @Test
    void denyingSendsAccessDeniedWithTheState() {
        ConsentDriver consent = driver();
        consent.start();
        consent.signIn(username, SmartApps.PASSWORD).then().statusCode(200)
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
        Response back = consent.form().formParam("step", "decide").formParam("decision", "deny").post("/oauth2/authorize");
        assertEquals(303, back.statusCode());
        Map<String, String> query = SmartApps.query(back.header("Location"));
        assertTrue(back.header("Location").startsWith(REDIRECT + "?"));
        assertEquals("access_denied", query.get("error"));
        assertEquals(consent.state, query.get("state"));
        assertNull(query.get("code"));
    }

    @Test
    void authorizationRequestsWorkByPostToo() {
        ConsentDriver consent = driver();
        Response page = ConsentDriver.browser().contentType("application/x-www-form-urlencoded")
                .formParams(consent.authorizeParams()).post("/oauth2/authorize");
        page.then().statusCode(200).header("X-Frame-Options", "DENY").body(containsString("wants to connect"));
    }

    @Test
    void aWrongPasswordShowsTheFormAgainAndIssuesNothing() {
        ConsentDriver consent = driver();
        consent.start();
        consent.signIn(username, "wrong password!!").then().statusCode(200)
                .body(containsString("The username or password is wrong."));
        assertFalse(consent.approve(patient.patient(), List.of("observation"), false).asString().isEmpty());
        assertEquals(0, Db.rows("select 1 from oauth_code where client_id = ?", clientId).size());
    }

    // --- protocol attacks

    @Test
    void pkceIsRequiredAndOnlyS256() {
        ConsentDriver consent = driver();
        Map<String, String> missing = consent.authorizeParams();
        missing.remove("code_challenge");
        missing.remove("code_challenge_method");
        assertRedirectError(consent.start(missing), "invalid_request", consent.state);

        Map<String, String> plain = consent.authorizeParams();
        plain.put("code_challenge", consent.verifier);
        plain.put("code_challenge_method", "plain");
        assertRedirectError(consent.start(plain), "invalid_request", consent.state);
    }

    @Test
    void aWrongVerifierOrNoneIsRefused() {
        ConsentDriver consent = driver();
        String code = consent.code(username, patient.patient(), List.of("observation"), false);
        oauthError(SmartApps.exchange(clientId, code, REDIRECT, SmartApps.verifier()), 400, "invalid_grant");
        // a refused exchange used nothing up: the right verifier still works once
        oauthError(SmartApps.exchange(clientId, code, REDIRECT, null), 400, "invalid_request");
        SmartApps.exchange(clientId, code, REDIRECT, consent.verifier).then().statusCode(200);
    }

    @Test
    void aCodeWorksOnce() {
        ConsentDriver consent = driver();
        String code = consent.code(username, patient.patient(), List.of("observation"), false);
        SmartApps.exchange(clientId, code, REDIRECT, consent.verifier).then().statusCode(200);
        oauthError(SmartApps.exchange(clientId, code, REDIRECT, consent.verifier), 400, "invalid_grant");
    }

    @Test
    void anExpiredCodeIsRefused() {
        ConsentDriver consent = driver();
        String code = consent.code(username, patient.patient(), List.of("observation"), false);
        assertEquals(1, Db.update("update oauth_code set expires_at = now() - interval '1 second' where client_id = ?", clientId));
        oauthError(SmartApps.exchange(clientId, code, REDIRECT, consent.verifier), 400, "invalid_grant");
    }

    @Test
    void codesLiveAtMostSixtySeconds() {
        ConsentDriver consent = driver();
        consent.code(username, patient.patient(), List.of("observation"), false);
        List<String> lifetime = Db.rows("select extract(epoch from expires_at - now()) from oauth_code where client_id = ?",
                clientId).get(0);
        assertTrue(Double.parseDouble(lifetime.get(0)) <= 60, lifetime.toString());
    }

    @Test
    void aRedirectUriThatDiffersByOneCharacterOrAPathStopsAtTheServer() {
        for (String uri : List.of("https://diary.example/callbacK", "https://diary.example/callback/more",
                "https://diary.example/callback?x=1", "https://diary.exampl/callback")) {
            ConsentDriver consent = new ConsentDriver(clientId, uri, SCOPES);
            Response page = consent.start();
            assertEquals(400, page.statusCode(), uri);
            assertNull(page.header("Location"), uri);
            assertTrue(page.asString().contains("did not register"), uri);
        }
        // and at the token endpoint: the code is bound to the exact redirect URI
        ConsentDriver consent = driver();
        String code = consent.code(username, patient.patient(), List.of("observation"), false);
        oauthError(SmartApps.exchange(clientId, code, REDIRECT + "/", consent.verifier), 400, "invalid_grant");
    }

    @Test
    void anUnregisteredScopeIsRefused() {
        ConsentDriver consent = new ConsentDriver(clientId, REDIRECT, "launch/patient user/*.rs");
        assertRedirectError(consent.start(), "invalid_scope", consent.state);
        ConsentDriver system = new ConsentDriver(clientId, REDIRECT, "system/*.rs");
        assertRedirectError(system.start(), "invalid_scope", system.state);
    }

    @Test
    void anAudienceThatIsNotOurFhirBaseIsRefused() {
        ConsentDriver consent = driver();
        consent.aud = "https://evil.example/fhir";
        assertRedirectError(consent.start(), "invalid_request", consent.state);
    }

    @Test
    void anUnknownClientStopsAtTheServer() {
        ConsentDriver consent = new ConsentDriver("no-such-app", REDIRECT, SCOPES);
        Response page = consent.start();
        assertEquals(400, page.statusCode());
        assertNull(page.header("Location"));
        oauthError(SmartApps.exchange("no-such-app", "x", REDIRECT, SmartApps.verifier()), 401, "invalid_client")
                .then().header("WWW-Authenticate", containsString("Bearer"));
    }

    @Test
    void theConsentFormPostedCrossSiteIsRefused() {
        ConsentDriver consent = driver();
        consent.start();
        consent.signIn(username, SmartApps.PASSWORD).then().statusCode(200);
        // another site's page posts the form: its Origin is not ours
        Response crossSite = consent.form().header("Origin", "https://evil.example").header("Sec-Fetch-Site", "cross-site")
                .formParam("step", "decide").formParam("decision", "approve").formParam("patient", patient.patient().toString())
                .formParam("category", "observation").formParam("expiry", "P90D").post("/oauth2/authorize");
        assertEquals(403, crossSite.statusCode());
        // a SameSite=Strict cookie is not sent cross-site: the right fields without the cookie are refused too
        String cookie = consent.cookie;
        consent.cookie = null;
        assertEquals(403, consent.approve(patient.patient(), List.of("observation"), false).statusCode());
        // a guessed CSRF field with the cookie is refused
        consent.cookie = cookie;
        consent.csrf = "x" + consent.csrf.substring(1);
        assertEquals(403, consent.approve(patient.patient(), List.of("observation"), false).statusCode());
        assertEquals(0, Db.rows("select 1 from oauth_code where client_id = ?", clientId).size());
        given().auth().oauth2(patient.token()).get("/api/v1/patients/" + patient.patient() + "/grants").then()
                .body("items.findAll { it.granteeId == '" + SmartApps.appAccount(clientId) + "' }.size()", equalTo(0));
    }

    @Test
    void aPatientCannotApproveAccessToSomeoneElsesRecords() {
        Fixtures.PatientLogin other = Fixtures.patientLogin(org);
        ConsentDriver consent = driver();
        consent.start();
        consent.signIn(username, SmartApps.PASSWORD);
        Response refused = consent.approve(other.patient(), List.of("observation"), false);
        assertEquals(403, refused.statusCode());
        assertNull(refused.header("Location"));
        given().auth().oauth2(other.token()).get("/api/v1/patients/" + other.patient() + "/grants").then()
                .body("items.size()", equalTo(0));
    }

    @Test
    void appsNoLongerSignInWithAPassword() {
        given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "password")
                .formParam("username", "app:acme-payer-app").formParam("password", "carechart-demo")
                .post("/api/v1/auth/token").then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
        given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "password")
                .formParam("username", "acme-payer-app").formParam("password", "carechart-demo")
                .post("/api/v1/auth/token").then().statusCode(401);
    }

    private Response introspect(String token) {
        return given().contentType("application/x-www-form-urlencoded").formParam("token", token)
                .formParam("client_id", clientId).post("/oauth2/introspect");
    }

    private static Response oauthError(Response response, int status, String error) {
        response.then().statusCode(status).contentType("application/json").header("Cache-Control", "no-store")
                .body("error", equalTo(error)).body("error_description", notNullValue());
        return response;
    }

    private static void assertRedirectError(Response response, String error, String state) {
        assertEquals(303, response.statusCode(), response.asString());
        Map<String, String> query = SmartApps.query(response.header("Location"));
        assertTrue(response.header("Location").startsWith(REDIRECT + "?"));
        assertEquals(error, query.get("error"));
        assertEquals(state, query.get("state"));
        assertNull(query.get("code"));
    }
}
