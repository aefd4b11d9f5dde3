package org.carechart;

import io.quarkus.test.junit.QuarkusTest;
import org.carechart.embedded.DemoAccounts;
import org.carechart.support.Db;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class FoundationTest {

    /** Health and metrics live on the management interface (its own port), not the public one. */
    static io.restassured.specification.RequestSpecification management() {
        int port = org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        return given().port(port);
    }

    /** Issue 11 ("Hardening"): /q/metrics was public and disclosed versions. */
    @Test
    void healthAndMetricsAreNotServedOnThePublicPort() {
        given().when().get("/q/metrics").then().statusCode(404);
        given().when().get("/q/health/ready").then().statusCode(404);
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersAndHtmlMayNotBeFramed() {
        given().auth().oauth2(Tokens.alice()).when().get("/api/v1/me").then().statusCode(200)
                .header("Referrer-Policy", equalTo("no-referrer"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Strict-Transport-Security", org.hamcrest.Matchers.nullValue()); // plain http: no HSTS
        given().when().get("/q/swagger-ui/").then().statusCode(200)
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Frame-Options", equalTo("DENY"));
    }

    @Test
    void readinessChecksTheDatabase() {
        management().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("database"));
    }

    @Test
    void livenessAndPrometheusMetricsAnswer() {
        management().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().auth().oauth2(Tokens.alice()).when().get("/api/v1/me").then().statusCode(200);
        management().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count{"))
                .body(containsString("uri=\"/api/v1/me\""));
    }

    @Test
    void publishesItsOpenApiWithTheBearerScheme() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("info.title", equalTo("Carechart API"))
                .body("info.license.name", equalTo("Apache-2.0"))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"));
    }

    @Test
    void seedsTheDemoDataOnceWithRichCharts() {
        assertEquals(1, Db.count("select count(*) from account where username = 'alice' and patient_id = ?",
                DemoAccounts.ALICE_PATIENT));
        long entries = Db.count("select count(*) from chart_entry where patient_id = ?", DemoAccounts.ALICE_PATIENT);
        assertTrue(entries > 60, "Alice's chart has " + entries + " entries");
        long codeSystems = Db.count("select count(distinct code_system) from chart_entry where patient_id = ?",
                DemoAccounts.ALICE_PATIENT);
        assertEquals(4, codeSystems, "SNOMED CT, LOINC, RxNorm and CVX");
        assertEquals(1, Db.count("select count(*) from proxy_link where patient_id = ? and relationship = 'parent'",
                DemoAccounts.BEN_PATIENT));
        long versioned = Db.count("select count(*) from chart_entry_version where patient_id = ? and version = 2",
                DemoAccounts.ALICE_PATIENT);
        assertEquals(1, versioned, "one medication of Alice's carries its dose change as version 2");
    }

    @Test
    void unknownRoutesAnswerWithAProblemDocument() {
        given().when().get("/api/v1/no-such-thing")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://carechart.org/problems/not-found"))
                .body("status", equalTo(404));
        given().when().get("/definitely/not/here")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aCallWithoutTokenIsRefusedWithAProblemDocument() {
        given().when().get("/api/v1/me")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("type", equalTo("https://carechart.org/problems/unauthorized"));
    }

    @Test
    void aSignedTokenIdentifiesTheCaller() {
        given().auth().oauth2(Tokens.alice()).when().get("/api/v1/me")
                .then().statusCode(200)
                .body("patientId", equalTo(DemoAccounts.ALICE_PATIENT.toString()))
                .body("roles", hasItem("patient"));
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() {
        given().contentType("application/json").body(new byte[12 * 1024 * 1024])
                .when().post("/api/v1/me")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("status", greaterThan(412));
    }
}
