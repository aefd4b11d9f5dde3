package org.carechart.common;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.carechart.support.Db;
import org.carechart.support.Fixtures;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 11, "bad input that breaks things today": each is a 400 naming the field (415 for a body with no
 * media type), never a 500, and nothing is stored.
 */
@QuarkusTest
class BadInputTest {

    private static final UUID DEMO_ADMIN = org.carechart.embedded.DemoAccounts.ADMIN;
    private static final String VALIDATION = "https://carechart.org/problems/validation";

    private final UUID clinic = Fixtures.organization();
    private final Fixtures.PatientLogin patient = Fixtures.patientLogin(clinic);
    private final UUID provider = Fixtures.account("provider", clinic, null);
    private final String base = "/api/v1/patients/" + patient.patient();

    private io.restassured.response.ValidatableResponse postGrant(String json) {
        return given().auth().oauth2(patient.token()).contentType(ContentType.JSON).body(json)
                .post(base + "/grants").then();
    }

    private String grantJson(String expiresAt) {
        return "{\"granteeType\":\"provider\",\"granteeId\":\"" + provider + "\",\"categories\":[\"note\"],"
                + "\"purpose\":\"treatment\",\"expiresAt\":\"" + expiresAt + "\"}";
    }

    private long grants() {
        return Db.count("select count(*) from access_grant where patient_id = ?", patient.patient());
    }

    @Test
    void outOfRangeInstantsAreRefusedWithTheFieldNamed() {
        for (String instant : List.of("+300000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "1799-12-31T23:59:59Z",
                "+1000000000-01-01T00:00:00Z")) {
            postGrant(grantJson(instant)).statusCode(400).body("type", equalTo(VALIDATION))
                    .body("errors[0].field", equalTo("expiresAt"));
        }
        assertEquals(0, grants());
        UUID careProvider = Fixtures.account("provider", clinic, null);
        Fixtures.careTeam(patient.patient(), careProvider);
        String entry = "{\"category\":\"condition\",\"status\":\"active\",\"code\":{\"system\":\"http://snomed.info/sct\","
                + "\"code\":\"38341003\",\"display\":\"Hypertension\"},\"effectiveAt\":\"-999999999-01-01T00:00:00Z\"}";
        given().auth().oauth2(Tokens.provider(careProvider, clinic)).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(entry)
                .post(base + "/chart/entries").then().statusCode(400).body("errors[0].field", equalTo("effectiveAt"));
        assertEquals(0, Db.count("select count(*) from chart_entry where patient_id = ?", patient.patient()));
        given().auth().oauth2(patient.token()).queryParam("from", "+300000-01-01T00:00:00Z")
                .get(base + "/chart/entries").then().statusCode(400).body("errors[0].field", equalTo("from"));
        given().auth().oauth2(Tokens.admin(DEMO_ADMIN)).queryParam("to", "-999999999-01-01T00:00:00Z")
                .get("/api/v1/audit").then().statusCode(400).body("errors[0].field", equalTo("to"));
        // A cursor that names an instant no page could have ended on.
        String cursor = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("999999999999999999999|" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
        given().auth().oauth2(patient.token()).queryParam("cursor", cursor)
                .get(base + "/chart/entries").then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        // And the database refuses them too, whoever writes.
        assertEquals(true, refused(() -> Db.update("insert into access_grant (id, patient_id, grantee_type, grantee_id, categories,"
                + " purpose, created_by, expires_at) values (?, ?, 'provider', ?, '{note}', 'treatment', ?, 'infinity')",
                UUID.randomUUID(), patient.patient(), provider, patient.account())));
        assertEquals(0, grants());
    }

    /** Whatever is stored, access decisions keep working: emergency access must never be blockable. */
    @Test
    void accessDecisionsAndCursorsSurviveAnyStoredInstant() {
        // Break-glass rows are written by the service only, so no CHECK stands in the way of this one.
        UUID otherOrg = Fixtures.organization();
        UUID colleague = Fixtures.account("provider", otherOrg, null);
        Db.update("insert into break_glass_session (id, patient_id, provider_id, reason, starts_at, expires_at)"
                + " values (?, ?, ?, 'a stored infinity', '-infinity', 'infinity')", UUID.randomUUID(), patient.patient(), colleague);
        given().auth().oauth2(Tokens.provider(colleague, otherOrg)).get(base + "/chart/entries").then().statusCode(200);
        assertEquals(Instant.MAX.truncatedTo(java.time.temporal.ChronoUnit.MICROS), Cursor.decode(new Cursor(Instant.MAX, UUID.randomUUID()).encode()).at(),
                "any instant encodes into a cursor and back");
        Cursor back = Cursor.decode(new Cursor(Instant.MIN, new UUID(0, 1)).encode());
        assertEquals(Instant.MIN, back.at());
    }

    @Test
    void nulCharactersAreRefusedInQueryParametersBodiesAndFormFields() {
        given().auth().oauth2(Tokens.provider(provider, clinic)).queryParam("q", "Smi\u0000th")
                .get("/api/v1/patients").then().statusCode(400).body("errors[0].field", equalTo("q"));
        postGrant("{\"granteeType\":\"provider\",\"granteeId\":\"" + provider + "\",\"categories\":[\"note\"],"
                + "\"purpose\":\"treat\\u0000ment\"}").statusCode(400).body("errors[0].field", equalTo("purpose"));
        postGrant("{\"granteeType\":\"provider\",\"granteeId\":\"" + provider + "\",\"categories\":[\"no\\u0000te\"],"
                + "\"purpose\":\"treatment\"}").statusCode(400).body("errors.field", hasItem(startsWith("categories")));
        assertEquals(0, grants());
        given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "password")
                .formParam("username", "ali\u0000ce").formParam("password", "whatever it is")
                .post("/api/v1/auth/token").then().statusCode(400).body("errors[0].field", equalTo("username"));
    }

    @Test
    void hugeNumbersAreRefusedWithTheFieldNamed() {
        UUID careProvider = Fixtures.account("provider", clinic, null);
        Fixtures.careTeam(patient.patient(), careProvider);
        String entry = "{\"category\":\"observation\",\"status\":\"final\",\"code\":{\"system\":\"http://loinc.clinic\","
                + "\"code\":\"4548-4\",\"display\":\"Hemoglobin A1c\"},\"effectiveAt\":\"" + Instant.now().minusSeconds(60)
                + "\",\"valueQuantity\":1e999999,\"valueUnit\":\"%\"}";
        given().auth().oauth2(Tokens.provider(careProvider, clinic)).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(entry)
                .post(base + "/chart/entries").then().statusCode(400).body("errors[0].field", equalTo("valueQuantity"));
        assertEquals(0, Db.count("select count(*) from chart_entry where patient_id = ?", patient.patient()));
    }

    @Test
    void duplicateKeysAndBodiesWithoutAMediaTypeAreRefused() throws Exception {
        postGrant("{\"granteeType\":\"provider\",\"granteeId\":\"" + provider + "\",\"categories\":[\"note\"],"
                + "\"purpose\":\"treatment\",\"purpose\":\"research\"}")
                .statusCode(400).body("errors[0].field", equalTo("purpose"));
        String json = grantJson(Instant.now().plusSeconds(86_400).toString());
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + base + "/grants"))
                .header("Authorization", "Bearer " + patient.token())
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(415, response.statusCode(), response.body());
        assertEquals(0, grants());
    }

    private static boolean refused(Runnable write) {
        try {
            write.run();
            return false;
        } catch (IllegalStateException e) {
            return e.getCause() instanceof java.sql.SQLException sql && "23514".equals(sql.getSQLState());
        }
    }
}
