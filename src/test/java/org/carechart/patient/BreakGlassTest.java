package org.carechart.patient;

import org.carechart.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.carechart.support.Db;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class BreakGlassTest {

    private static final String REASON = "Unconscious in the emergency department, no records";

    @Test
    void aProviderWithNoBasisBreaksTheGlassReadsUntilExpiryAndIsThenRefusedAgain() {
        UUID organization = Fixtures.organization();
        UUID patient = Fixtures.patient(organization);
        UUID provider = Fixtures.account("provider", organization, null);
        String token = Tokens.provider(provider, organization);

        given().auth().oauth2(token).when().get("/api/v1/patients/{id}", patient).then().statusCode(404);
        assertEquals(1, Db.count("select count(*) from audit_event where patient_id = ? and actor_id = ? and outcome = 'denied'",
                patient, provider), "the refused look is on the record");
        given().auth().oauth2(token).when().get("/api/v1/patients").then().statusCode(200)
                .body("items.id", not(hasItem(patient.toString())));

        String sessionId = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("reason", REASON))
                .when().post("/api/v1/patients/{id}/break-glass", patient)
                .then().statusCode(201)
                .body("patientId", equalTo(patient.toString()))
                .body("providerId", equalTo(provider.toString()))
                .body("reason", equalTo(REASON))
                .extract().path("id");
        Instant expiresAt = Instant.parse(given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("reason", REASON))
                .when().post("/api/v1/patients/{id}/break-glass", patient)
                .then().statusCode(200).body("id", equalTo(sessionId)).extract().<String>path("expiresAt"));
        Duration left = Duration.between(Instant.now(), expiresAt);
        assertTrue(left.compareTo(Duration.ofMinutes(59)) > 0 && left.compareTo(Duration.ofMinutes(61)) < 0,
                "one hour by default, was " + left);

        given().auth().oauth2(token).when().get("/api/v1/patients/{id}", patient)
                .then().statusCode(200).body("id", equalTo(patient.toString()));
        given().auth().oauth2(token).when().get("/api/v1/patients").then().statusCode(200)
                .body("items.id", hasItem(patient.toString()));

        assertEquals(1, Db.count("select count(*) from audit_event where patient_id = ? and actor_id = ? and action = 'read' "
                + "and resource_type = 'patient' and basis = 'break-the-glass' and outcome = 'success'", patient, provider));
        assertEquals(2, Db.count("select count(*) from audit_event where patient_id = ? and actor_id = ? and action = 'break-glass' "
                + "and basis = 'break-the-glass' and resource_id = ?", patient, provider, sessionId), "both requests, one session");
        assertEquals(2, Db.count("select count(*) from notification_event where patient_id = ? and kind = 'break.glass.access'",
                patient), "the patient is told of every opening");

        Db.update("update break_glass_session set expires_at = now() - interval '1 minute' where patient_id = ?", patient);
        given().auth().oauth2(token).when().get("/api/v1/patients/{id}", patient).then().statusCode(404);
        given().auth().oauth2(token).when().get("/api/v1/patients").then().statusCode(200)
                .body("items.id", not(hasItem(patient.toString())));
    }

    @Test
    void breakingTheGlassAgainWhileASessionIsOpenExtendsItAndStaffReviewOneSession() {
        UUID organization = Fixtures.organization();
        UUID patient = Fixtures.patient(organization);
        UUID provider = Fixtures.account("provider", organization, null);
        String token = Tokens.provider(provider, organization);
        String staff = Tokens.staff(Fixtures.account("staff", organization, null), organization);
        var first = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("reason", REASON))
                .when().post("/api/v1/patients/{id}/break-glass", patient)
                .then().statusCode(201).extract().response();
        String sessionId = first.path("id");
        // Five minutes left: the second request gives a full hour again, to the same session.
        Db.update("update break_glass_session set starts_at = now() - interval '55 minutes', "
                + "expires_at = now() + interval '5 minutes' where id = ?", UUID.fromString(sessionId));

        var second = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("reason", "Still in the emergency department, labs pending"))
                .when().post("/api/v1/patients/{id}/break-glass", patient)
                .then().statusCode(200)
                .body("id", equalTo(sessionId))
                .body("reason", equalTo(REASON))
                .extract().response();
        Duration left = Duration.between(Instant.now(), Instant.parse(second.path("expiresAt")));
        assertTrue(left.compareTo(Duration.ofMinutes(59)) > 0, "extended to a full hour from now, was " + left);
        assertTrue(Instant.parse(second.path("startsAt")).isBefore(Instant.now().minus(Duration.ofMinutes(54))),
                "the session keeps its start");

        given().auth().oauth2(staff).when().get("/api/v1/break-glass").then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].id", equalTo(sessionId))
                .body("items[0].expiresAt", equalTo(second.path("expiresAt")))
                .body("items[0].active", equalTo(true));
        assertEquals(1, Db.count("select count(*) from break_glass_session where patient_id = ?", patient));
        assertEquals(1, Db.count("select count(*) from notification_event where patient_id = ? and kind = 'break.glass.access' "
                + "and title = 'Emergency access to your chart extended'", patient), "the patient is told of the extension");

        // Once it has ended, breaking the glass opens a new session, reviewed beside the old one.
        Db.update("update break_glass_session set expires_at = now() - interval '1 minute' where id = ?", UUID.fromString(sessionId));
        String third = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("reason", REASON))
                .when().post("/api/v1/patients/{id}/break-glass", patient)
                .then().statusCode(201).extract().path("id");
        assertTrue(!third.equals(sessionId));
        given().auth().oauth2(staff).when().get("/api/v1/break-glass").then().statusCode(200)
                .body("items.id", contains(third, sessionId))
                .body("items.active", contains(true, false));
        // paged one at a time, the cursor leads from the newest to the older session and no further
        String cursor = given().auth().oauth2(staff).queryParam("limit", 1).when().get("/api/v1/break-glass").then()
                .statusCode(200).body("items.id", contains(third)).extract().path("nextCursor");
        given().auth().oauth2(staff).queryParam("limit", 1).queryParam("cursor", cursor).when().get("/api/v1/break-glass")
                .then().statusCode(200).body("items.id", contains(sessionId)).body("nextCursor", equalTo(null));
    }

    @Test
    void recordsStaffOfTheOrganizationReviewTheSessionsAndOthersDoNot() {
        UUID organization = Fixtures.organization();
        UUID patient = Fixtures.patient(organization);
        UUID provider = Fixtures.account("provider", Fixtures.organization(), null);
        UUID staff = Fixtures.account("staff", organization, null);
        String sessionId = given().auth().oauth2(Tokens.provider(provider, UUID.randomUUID())).contentType(ContentType.JSON)
                .body(Map.of("reason", REASON)).when().post("/api/v1/patients/{id}/break-glass", patient)
                .then().statusCode(201).extract().path("id");

        given().auth().oauth2(Tokens.staff(staff, organization)).when().get("/api/v1/break-glass")
                .then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].id", equalTo(sessionId))
                .body("items[0].patientId", equalTo(patient.toString()))
                .body("items[0].providerId", equalTo(provider.toString()))
                .body("items[0].reason", equalTo(REASON))
                .body("items[0].active", equalTo(true));
        given().auth().oauth2(Tokens.lenaRecords()).when().get("/api/v1/break-glass")
                .then().statusCode(200).body("items.id", not(hasItem(sessionId)));
        given().auth().oauth2(Tokens.drLee()).when().get("/api/v1/break-glass")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Tokens.alice()).when().get("/api/v1/break-glass").then().statusCode(403);
    }

    @Test
    void theReviewListPagesWithACursor() {
        UUID organization = Fixtures.organization();
        UUID staff = Fixtures.account("staff", organization, null);
        for (int i = 0; i < 3; i++) {
            UUID patient = Fixtures.patient(organization);
            given().auth().oauth2(Tokens.provider(Fixtures.account("provider", organization, null), organization))
                    .contentType(ContentType.JSON).body(Map.of("reason", REASON))
                    .when().post("/api/v1/patients/{id}/break-glass", patient).then().statusCode(201);
        }
        String token = Tokens.staff(staff, organization);
        String cursor = given().auth().oauth2(token).queryParam("limit", 2).when().get("/api/v1/break-glass")
                .then().statusCode(200).body("items.size()", equalTo(2)).extract().path("nextCursor");
        given().auth().oauth2(token).queryParam("limit", 2).queryParam("cursor", cursor).when().get("/api/v1/break-glass")
                .then().statusCode(200).body("items.size()", equalTo(1)).body("nextCursor", equalTo(null));
    }

    @Test
    void aProviderWhoAlreadyHasAccessOrANonProviderCannotBreakTheGlass() {
        UUID organization = Fixtures.organization();
        UUID patient = Fixtures.patient(organization);
        UUID provider = Fixtures.account("provider", organization, null);
        Fixtures.careTeam(patient, provider);
        given().auth().oauth2(Tokens.provider(provider, organization)).contentType(ContentType.JSON).body(Map.of("reason", REASON))
                .when().post("/api/v1/patients/{id}/break-glass", patient)
                .then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(Tokens.staff(Fixtures.account("staff", organization, null), organization))
                .contentType(ContentType.JSON).body(Map.of("reason", REASON))
                .when().post("/api/v1/patients/{id}/break-glass", patient)
                .then().statusCode(403);
        given().auth().oauth2(Tokens.provider(provider, organization)).contentType(ContentType.JSON).body(Map.of("reason", REASON))
                .when().post("/api/v1/patients/{id}/break-glass", UUID.randomUUID())
                .then().statusCode(404);
        assertEquals(0, Db.count("select count(*) from break_glass_session where patient_id = ?", patient));
        assertEquals(0, Db.count("select count(*) from notification_event where patient_id = ?", patient));
    }
}
