package org.carechart.quality;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.carechart.embedded.DemoAccounts;
import org.carechart.support.Db;
import org.carechart.support.Fixtures;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A quality monitor end to end: registered by an admin as a SMART Backend Services client with aggregate
 * scopes only, it signs a private_key_jwt assertion, gets a {@code quality} token, and then sees suppressed
 * MeasureReports and nothing else: every chart, patient, identifier and subject-list request is refused.
 */
@QuarkusTest
class QualityClientTest {

    static final String TOKEN_URL = "https://carechart.test/oauth2/token";
    static final String SCOPES = "system/Measure.rs system/MeasureReport.rs";

    private final UUID monitorOrg = Fixtures.organization();
    private final UUID clinic = Fixtures.organization();
    private final UUID staff = Fixtures.account("staff", clinic, null);
    private RSAKey key;
    private String clientId;

    @BeforeEach
    void registerTheMonitor() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("rsa-" + UUID.randomUUID()).algorithm(JWSAlgorithm.RS384).generate();
        clientId = "qm-" + UUID.randomUUID().toString().substring(0, 13);
        register(clientId, List.of("system/Measure.rs", "system/MeasureReport.rs")).then().statusCode(201);
    }

    private Response register(String id, List<String> scopes) {
        Map<String, Object> body = new HashMap<>(Map.of("clientId", id, "name", "Quality Monitor " + id.substring(3, 7),
                "clientType", "confidential", "organizationId", monitorOrg.toString(), "redirectUris", List.of(),
                "scopes", scopes, "purpose", "operations",
                "jwks", Map.of("keys", List.of(key.toPublicJWK().toJSONObject()))));
        return given().auth().oauth2(Tokens.admin(DemoAccounts.ADMIN)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/apps");
    }

    private String assertion() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(TOKEN_URL)
                .expirationTime(Date.from(Instant.now().plusSeconds(240))).jwtID(UUID.randomUUID().toString())
                .issueTime(new Date()).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS384).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private Response tokenResponse(String scope) throws Exception {
        return given().contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials").formParam("scope", scope)
                .formParam("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                .formParam("client_assertion", assertion())
                .post("/oauth2/token");
    }

    private String qualityToken() throws Exception {
        Response answer = tokenResponse(SCOPES);
        assertEquals(200, answer.statusCode(), answer.asString());
        String token = answer.path("access_token");
        assertEquals(List.of("quality"), SignedJWT.parse(token).getJWTClaimsSet().getStringListClaim("groups"));
        return token;
    }

    @Test
    void aQualityMonitorGetsCorrectSuppressedReportsEndToEnd() throws Exception {
        QualityFixtures fx = new QualityFixtures(staff);
        for (int i = 0; i < 11; i++) {
            fx.hypertensionSet(clinic);
        }
        UUID small = Fixtures.organization();
        for (int i = 0; i < 3; i++) {
            fx.hypertensionSet(small);
        }
        String token = qualityToken();
        JsonPath shown = given().auth().oauth2(token).queryParam("periodStart", "2025-01-01").queryParam("periodEnd", "2025-12-31")
                .queryParam("organization", "Organization/" + clinic)
                .get(MeasureEvaluationTest.BP).then().statusCode(200).extract().jsonPath();
        assertEquals(66L, MeasureEvaluationTest.count(shown, "initial-population"));
        assertEquals(11L, MeasureEvaluationTest.count(shown, "denominator-exclusion"));
        assertEquals(22L, MeasureEvaluationTest.count(shown, "numerator"));
        assertEquals(0.4f, shown.getFloat("group[0].measureScore.value"));
        assertEquals("Organization/" + clinic, shown.getString("reporter.reference"));

        // 3 copies: IP 18 shown, exclusions 3 masked, numerator 6 masked, score masked
        JsonPath masked = given().auth().oauth2(token).queryParam("periodStart", "2025-01-01").queryParam("periodEnd", "2025-12-31")
                .queryParam("organization", "Organization/" + small)
                .get(MeasureEvaluationTest.BP).then().statusCode(200).extract().jsonPath();
        assertEquals(18L, MeasureEvaluationTest.count(masked, "initial-population"));
        assertTrue(MeasureEvaluationTest.masked(masked, "denominator-exclusion"));
        assertTrue(MeasureEvaluationTest.masked(masked, "numerator"));
        assertEquals("masked", masked.getString("group[0].measureScore.extension[0].valueCode"));

        // overall (every organization): numerator <= denominator <= initial population, whatever is in the database
        JsonPath overall = given().auth().oauth2(token).queryParam("periodStart", "2025-01-01").queryParam("periodEnd", "2025-12-31")
                .get(MeasureEvaluationTest.BP).then().statusCode(200).extract().jsonPath();
        Long ip = MeasureEvaluationTest.count(overall, "initial-population");
        Long numerator = MeasureEvaluationTest.count(overall, "numerator");
        assertTrue(ip != null && ip >= 84, "overall " + ip);
        assertTrue(numerator == null || numerator <= ip);

        List<List<String>> audit = Db.rows("select action, basis, coalesce(patient_id::text, 'none'), outcome from audit_event"
                + " where actor_id = (select account_id from oauth_client where client_id = ?) and resource_type = 'MeasureReport'", clientId);
        assertEquals(3, audit.size());
        assertTrue(audit.stream().allMatch(r -> r.equals(List.of("search", "quality", "none", "success"))), audit.toString());
    }

    @Test
    void aQualityMonitorIsRefusedEveryChartPatientIdentifierAndSubjectList() throws Exception {
        QualityFixtures fx = new QualityFixtures(staff);
        UUID patient = fx.controlled(clinic);
        String mrn = Fixtures.mrn(patient);
        String token = qualityToken();
        // native API
        given().auth().oauth2(token).get("/api/v1/patients/" + patient).then().statusCode(anyOf(is(403), is(404)));
        given().auth().oauth2(token).get("/api/v1/patients/" + patient + "/chart/entries").then().statusCode(anyOf(is(403), is(404)));
        given().auth().oauth2(token).get("/api/v1/patients/" + patient + "/chart/summary").then().statusCode(anyOf(is(403), is(404)));
        given().auth().oauth2(token).queryParam("q", mrn).get("/api/v1/patients").then().statusCode(403)
                .body(not(containsString(patient.toString())));
        // FHIR API: read, search by identifier, search by patient
        given().auth().oauth2(token).get("/fhir/r4/Patient/" + patient).then().statusCode(anyOf(is(403), is(404)));
        given().auth().oauth2(token).queryParam("identifier", mrn).get("/fhir/r4/Patient").then()
                .statusCode(anyOf(is(403), is(404))).body(not(containsString(patient.toString())));
        given().auth().oauth2(token).queryParam("patient", patient.toString()).get("/fhir/r4/Observation").then()
                .statusCode(anyOf(is(403), is(404))).body(not(containsString("8480-6")));
        // the subject list (who is in the care gap)
        given().auth().oauth2(token).queryParam("periodStart", "2025-01-01").queryParam("periodEnd", "2025-12-31")
                .queryParam("reportType", "subject-list").queryParam("organization", "Organization/" + clinic)
                .get(MeasureEvaluationTest.BP).then().statusCode(403).body(not(containsString(patient.toString())));
        // each refusal is in the audit trail
        long denied = Db.count("select count(*) from audit_event where actor_id = (select account_id from oauth_client"
                + " where client_id = ?) and outcome = 'denied'", clientId);
        assertTrue(denied >= 7, "denied " + denied);
    }

    @Test
    void aggregateScopesAreNotMixedWithChartScopesAndGiveNoChart() throws Exception {
        String mixed = "qm-" + UUID.randomUUID().toString().substring(0, 13);
        register(mixed, List.of("system/MeasureReport.rs", "system/Observation.rs")).then().statusCode(400)
                .body(containsString("aggregate"));
        // a quality monitor may not ask for chart scopes it was not registered for
        tokenResponse("system/Observation.rs").then().statusCode(400).body("error", equalTo("invalid_scope"));
        // one aggregate scope alone is still a quality token
        Response one = tokenResponse("system/MeasureReport.rs");
        assertEquals(200, one.statusCode(), one.asString());
        assertEquals(List.of("quality"), SignedJWT.parse(one.<String>path("access_token")).getJWTClaimsSet()
                .getStringListClaim("groups"));
    }

    @Test
    void staffCountOnlyTheirOwnOrganization() {
        QualityFixtures fx = new QualityFixtures(staff);
        fx.controlled(clinic);
        JsonPath own = given().auth().oauth2(Tokens.staff(staff, clinic)).queryParam("periodStart", "2025-01-01")
                .queryParam("periodEnd", "2025-12-31").get(MeasureEvaluationTest.BP).then().statusCode(200)
                .extract().jsonPath();
        assertEquals("Organization/" + clinic, own.getString("reporter.reference"));
        assertTrue(MeasureEvaluationTest.masked(own, "initial-population")); // 1 patient: suppressed for staff too
        // a patient, a provider and an ordinary app may not evaluate measures
        UUID provider = Fixtures.account("provider", clinic, null);
        given().auth().oauth2(Tokens.provider(provider, clinic)).queryParam("periodStart", "2025-01-01")
                .queryParam("periodEnd", "2025-12-31").get(MeasureEvaluationTest.BP).then().statusCode(403);
        given().auth().oauth2(Fixtures.patientLogin(clinic).token()).queryParam("periodStart", "2025-01-01")
                .queryParam("periodEnd", "2025-12-31").get(MeasureEvaluationTest.BP).then().statusCode(403);
        given().auth().oauth2(Tokens.app(Fixtures.account("app", clinic, null), clinic)).queryParam("periodStart", "2025-01-01")
                .queryParam("periodEnd", "2025-12-31").get(MeasureEvaluationTest.BP).then().statusCode(403);
    }
}
