package org.carechart.patient;

import org.carechart.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.carechart.support.Db;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The HTTP errors of the POST endpoints: each a problem document with a stable type, and nothing written. */
@QuarkusTest
class ProblemResponsesTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String TYPES = "https://carechart.org/problems/";

    private UUID organization;
    private UUID patient;
    private String staff;
    private String provider;

    @BeforeEach
    void freshPatient() {
        organization = Fixtures.organization();
        patient = Fixtures.patient(organization);
        staff = Tokens.staff(Fixtures.account("staff", organization, null), organization);
        provider = Tokens.provider(Fixtures.account("provider", organization, null), organization);
    }

    private String tokenFor(String endpoint) {
        return endpoint.equals("break-glass") ? provider : staff;
    }

    @ParameterizedTest
    @ValueSource(strings = {"care-team", "proxies", "break-glass"})
    void aWrongMethodIs405WithAllow(String endpoint) {
        given().auth().oauth2(tokenFor(endpoint)).contentType(ContentType.JSON).body("{}")
                .when().put("/api/v1/patients/{id}/" + endpoint, patient)
                .then().statusCode(405)
                .contentType(PROBLEM)
                .header("Allow", containsString("POST"))
                .body("type", equalTo(TYPES + "method-not-allowed"))
                .body("status", equalTo(405));
        assertNothingWritten();
    }

    @ParameterizedTest
    @ValueSource(strings = {"care-team", "proxies", "break-glass"})
    void anUnsupportedMediaTypeIs415(String endpoint) {
        given().auth().oauth2(tokenFor(endpoint)).contentType(ContentType.TEXT).body("reason=because it is urgent")
                .when().post("/api/v1/patients/{id}/" + endpoint, patient)
                .then().statusCode(415)
                .contentType(PROBLEM)
                .body("type", equalTo(TYPES + "unsupported-media-type"));
        assertNothingWritten();
    }

    @ParameterizedTest
    @ValueSource(strings = {"care-team", "proxies", "break-glass"})
    void malformedJsonIs400(String endpoint) {
        given().auth().oauth2(tokenFor(endpoint)).contentType(ContentType.JSON).body("{\"reason\": ")
                .when().post("/api/v1/patients/{id}/" + endpoint, patient)
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("type", equalTo(TYPES + "malformed-json"))
                .body("detail", equalTo("The body is not valid JSON for this resource."));
        assertNothingWritten();
    }

    @ParameterizedTest
    @ValueSource(strings = {"care-team", "proxies", "break-glass"})
    void aBodyOfTheWrongShapeIs400(String endpoint) {
        given().auth().oauth2(tokenFor(endpoint)).contentType(ContentType.JSON).body("[1, 2]")
                .when().post("/api/v1/patients/{id}/" + endpoint, patient)
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("type", equalTo(TYPES + "malformed-json"));
        assertNothingWritten();
    }

    @ParameterizedTest
    @ValueSource(strings = {"care-team", "proxies", "break-glass"})
    void aMissingBodyIs400NamingIt(String endpoint) {
        given().auth().oauth2(tokenFor(endpoint)).contentType(ContentType.JSON)
                .when().post("/api/v1/patients/{id}/" + endpoint, patient)
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("type", equalTo(TYPES + "validation"))
                .body("errors.field", hasItems("body"));
        assertNothingWritten();
    }

    @org.junit.jupiter.api.Test
    void validationNamesEveryInvalidField() {
        given().auth().oauth2(staff).contentType(ContentType.JSON).body("{\"role\": \" \"}")
                .when().post("/api/v1/patients/{id}/care-team", patient)
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "validation"))
                .body("errors.field", hasItems("providerId", "role"));
        given().auth().oauth2(staff).contentType(ContentType.JSON).body("{\"relationship\": \"neighbour\"}")
                .when().post("/api/v1/patients/{id}/proxies", patient)
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "validation"))
                .body("errors.field", hasItems("proxyAccountId", "relationship"));
        given().auth().oauth2(provider).contentType(ContentType.JSON).body("{\"reason\": \"too short\"}")
                .when().post("/api/v1/patients/{id}/break-glass", patient)
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "validation"))
                .body("errors.field", hasItems("reason"));
        given().auth().oauth2(provider).contentType(ContentType.JSON).body("{\"reason\": \"" + "x".repeat(501) + "\"}")
                .when().post("/api/v1/patients/{id}/break-glass", patient)
                .then().statusCode(400).body("errors.field", hasItems("reason"));
        given().auth().oauth2(provider).contentType(ContentType.JSON).body("{\"reason\": \"            \"}")
                .when().post("/api/v1/patients/{id}/break-glass", patient)
                .then().statusCode(400).body("errors.field", hasItems("reason"));
        assertNothingWritten();
    }

    @org.junit.jupiter.api.Test
    void aValueOfTheWrongTypeIsAValidationErrorOnThatField() {
        given().auth().oauth2(staff).contentType(ContentType.JSON).body("{\"providerId\": \"not-a-uuid\", \"role\": \"attending\"}")
                .when().post("/api/v1/patients/{id}/care-team", patient)
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "validation"))
                .body("errors.field", hasItems("providerId"));
        given().auth().oauth2(staff).contentType(ContentType.JSON)
                .body("{\"proxyAccountId\": \"" + UUID.randomUUID() + "\", \"relationship\": \"parent\", \"startsAt\": \"yesterday\"}")
                .when().post("/api/v1/patients/{id}/proxies", patient)
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItems("startsAt"));
        assertNothingWritten();
    }

    @org.junit.jupiter.api.Test
    void aProviderOrAccountOfTheWrongKindIsAValidationErrorOnThatField() {
        UUID notAProvider = Fixtures.account("staff", organization, null);
        given().auth().oauth2(staff).contentType(ContentType.JSON)
                .body("{\"providerId\": \"" + notAProvider + "\", \"role\": \"attending\"}")
                .when().post("/api/v1/patients/{id}/care-team", patient)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItems("providerId"));
        given().auth().oauth2(staff).contentType(ContentType.JSON)
                .body("{\"proxyAccountId\": \"" + UUID.randomUUID() + "\", \"relationship\": \"parent\"}")
                .when().post("/api/v1/patients/{id}/proxies", patient)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItems("proxyAccountId"));
        given().auth().oauth2(staff).contentType(ContentType.JSON)
                .body("{\"providerId\": \"" + Fixtures.account("provider", organization, null)
                        + "\", \"role\": \"attending\", \"startsAt\": \"2030-01-02T00:00:00Z\", \"endsAt\": \"2030-01-01T00:00:00Z\"}")
                .when().post("/api/v1/patients/{id}/care-team", patient)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItems("endsAt"));
        assertNothingWritten();
    }

    private void assertNothingWritten() {
        assertEquals(0, Db.count("select count(*) from care_team_member where patient_id = ?", patient));
        assertEquals(0, Db.count("select count(*) from proxy_link where patient_id = ?", patient));
        assertEquals(0, Db.count("select count(*) from break_glass_session where patient_id = ?", patient));
        assertEquals(0, Db.count("select count(*) from notification_event where patient_id = ?", patient));
        assertEquals(0, Db.count("select count(*) from audit_event where patient_id = ? and outcome = 'success'", patient));
    }
}
