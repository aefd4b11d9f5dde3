package org.carechart.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.carechart.support.Fixtures;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

/**
 * Real answers checked against the published openapi/openapi.yaml: every request and response below goes
 * through swagger-request-validator, which fails the test when a body, a status, a header or a media type is
 * not what the spec says (a field sent as null where a string is declared, a required field missing, an
 * undocumented status). The main flows of the patient app, the portal and a third-party app.
 */
@QuarkusTest
class SpecConformanceTest {

    private static final OpenApiValidationFilter SPEC = new OpenApiValidationFilter(
            OpenApiInteractionValidator.createForSpecificationUrl(Path.of("openapi/openapi.yaml").toUri().toString()).build());

    private static final String MILLIS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    private static RequestSpecification as(String token) {
        return given().filter(SPEC).auth().oauth2(token);
    }

    @Test
    void signInAndWhoAmI() {
        // The validator cannot read REST Assured's form parameters as a body: the token answer is checked by
        // ContractClientTest's generated client (typed TokenResponse), the rest here.
        String access = given().contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("username", "alice").formParam("password", "carechart-demo")
                .when().post("/api/v1/auth/token").then().statusCode(200).extract().path("access_token");
        as(access).when().get("/api/v1/me").then().statusCode(200).body("roles", org.hamcrest.Matchers.hasItem("patient"));
        given().contentType(ContentType.URLENC).formParam("grant_type", "password")
                .formParam("username", "alice").formParam("password", "wrong-password-1")
                .when().post("/api/v1/auth/token").then().statusCode(401);
    }

    @Test
    void aChartReadWrittenAndReadAgain() {
        UUID organization = Fixtures.organization();
        Fixtures.PatientLogin patient = Fixtures.patientLogin(organization);
        UUID providerId = Fixtures.account("provider", organization, null);
        Fixtures.careTeam(patient.patient(), providerId);
        String provider = Tokens.provider(providerId, organization);
        String chart = "/api/v1/patients/" + patient.patient() + "/chart";

        Map<String, Object> lab = Map.of("category", "observation", "status", "final",
                "code", Map.of("system", "http://loinc.org", "code", "4548-4", "display", "Hemoglobin A1c"),
                "effectiveAt", Instant.now().minus(1, ChronoUnit.HOURS).toString(),
                "valueQuantity", 7.1, "valueUnit", "%", "referenceLow", 4.0, "referenceHigh", 5.6);
        String entryId = as(provider).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(lab).when().post(chart + "/entries")
                .then().statusCode(201).body("recordedAt", matchesPattern(MILLIS)).extract().path("id");
        String etag = as(patient.token()).when().get(chart + "/entries/" + entryId)
                .then().statusCode(200).extract().header("ETag");
        as(provider).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("category", "observation", "status", "corrected",
                        "code", Map.of("system", "http://loinc.org", "code", "4548-4", "display", "Hemoglobin A1c"),
                        "effectiveAt", Instant.now().minus(1, ChronoUnit.HOURS).toString(),
                        "valueQuantity", 6.1, "valueUnit", "%", "reason", "transcription error"))
                .when().put(chart + "/entries/" + entryId).then().statusCode(200).body("version", equalTo(2));
        // Without If-Match on purpose (the spec requires it, so not through the validator): 428.
        given().auth().oauth2(provider).contentType(ContentType.JSON).body(lab).when().put(chart + "/entries/" + entryId)
                .then().statusCode(428);

        as(patient.token()).when().get(chart).then().statusCode(200);
        as(patient.token()).queryParam("limit", 5).when().get(chart + "/entries").then().statusCode(200);
        as(patient.token()).when().get(chart + "/entries/" + entryId + "/history").then().statusCode(200);
        as(patient.token()).when().get(chart + "/changes").then().statusCode(200);
        as(patient.token()).when().get(chart + "/documents").then().statusCode(200);
        as(patient.token()).when().get("/api/v1/patients/" + patient.patient()).then().statusCode(200);
        as(patient.token()).when().get("/api/v1/patients/" + patient.patient() + "/access-log").then().statusCode(200);
        as(patient.token()).when().get("/api/v1/patients/" + patient.patient() + "/grants").then().statusCode(200);
        as(patient.token()).when().get("/api/v1/notifications").then().statusCode(200);
        as(provider).when().get("/api/v1/patients").then().statusCode(200);
    }

    @Test
    void errorsAreTheDocumentedProblems() {
        UUID organization = Fixtures.organization();
        Fixtures.PatientLogin patient = Fixtures.patientLogin(organization);
        String entries = "/api/v1/patients/" + patient.patient() + "/chart/entries";
        as(patient.token()).when().get(entries + "/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("https://carechart.org/problems/not-found"));
        for (String limit : new String[]{"abc", "2147483648"}) {
            // Checked by hand, not by the validator: the request itself breaks the spec (limit is an integer).
            given().auth().oauth2(patient.token()).queryParam("limit", limit).when().get(entries).then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
        }
        given().filter(SPEC).when().get("/api/v1/me").then().statusCode(401);
        // A client that lists only problem+json in Accept (as generated clients do for some operations) is answered.
        given().auth().oauth2(patient.token()).accept("application/problem+json").when().get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void anAppsWebhooksAreAPage() {
        UUID organization = Fixtures.organization();
        UUID app = Fixtures.account("app", organization, null);
        as(Tokens.app(app, organization)).when().get("/api/v1/webhooks").then().statusCode(200)
                .body("items.size()", equalTo(0));
    }
}
