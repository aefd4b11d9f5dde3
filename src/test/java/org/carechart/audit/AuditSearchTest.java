package org.carechart.audit;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.carechart.embedded.DemoAccounts;
import org.carechart.support.Db;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class AuditSearchTest {

    private static final String AUDIT = "/api/v1/audit";

    /** A Riverside patient with a known week of events by one actor of our own. */
    private record Story(UUID patient, UUID actor, Instant start, List<UUID> events) {
    }

    private static Story story() {
        UUID patient = AuditFixtures.patient(DemoAccounts.RIVERSIDE, "Tess");
        UUID actor = UUID.randomUUID();
        Instant start = Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        List<UUID> events = new ArrayList<>();
        String[][] kinds = {
                {"read", "care-team", "success"}, {"update", "care-team", "success"}, {"read", null, "denied"},
                {"break-glass", "break-the-glass", "success"}, {"read", "break-the-glass", "success"}, {"read", "care-team", "success"}};
        for (int day = 0; day < kinds.length; day++) {
            events.add(AuditFixtures.event(patient, actor, "Dr. Test Filter", "provider", DemoAccounts.RIVERSIDE,
                    kinds[day][0], "observation", kinds[day][1], kinds[day][2], start.plus(day, ChronoUnit.DAYS)));
        }
        return new Story(patient, actor, start, events);
    }

    @Test
    void administratorsFilterByPatientActorActionOutcomeBasisAndTime() {
        Story s = story();
        String admin = Tokens.admin(DemoAccounts.ADMIN);
        given().auth().oauth2(admin).queryParam("patientId", s.patient()).queryParam("limit", 100)
                .when().get(AUDIT)
                .then().statusCode(200)
                .body("items", hasSize(6))
                .body("items[0].id", equalTo(s.events().get(5).toString()))
                .body("items[0].actorName", equalTo("Dr. Test Filter"))
                .body("items[0].seq", equalTo(6))
                .body("items[0].hash", notNullValue());
        given().auth().oauth2(admin).queryParams(Map.of("actorId", s.actor(), "action", "update"))
                .when().get(AUDIT)
                .then().statusCode(200).body("items.id", equalTo(List.of(s.events().get(1).toString())));
        given().auth().oauth2(admin).queryParams(Map.of("actorId", s.actor(), "outcome", "denied"))
                .when().get(AUDIT)
                .then().statusCode(200).body("items.id", equalTo(List.of(s.events().get(2).toString())));
        // Emergency accesses, for review.
        given().auth().oauth2(admin).queryParams(Map.of("basis", "break-the-glass", "limit", 100))
                .when().get(AUDIT)
                .then().statusCode(200)
                .body("items.basis", everyItem(equalTo("break-the-glass")))
                .body("items.id", hasItem(s.events().get(3).toString()))
                .body("items.id", hasItem(s.events().get(4).toString()));
        given().auth().oauth2(admin)
                .queryParams(Map.of("patientId", s.patient(), "from", s.start().plus(1, ChronoUnit.DAYS).toString(),
                        "to", s.start().plus(3, ChronoUnit.DAYS).toString()))
                .when().get(AUDIT)
                .then().statusCode(200)
                .body("items.id", equalTo(List.of(s.events().get(2).toString(), s.events().get(1).toString())));
    }

    @Test
    void pagesNewestFirstWithoutGapsOrRepeats() {
        Story s = story();
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(Tokens.samRecords()).queryParam("patientId", s.patient()).queryParam("limit", 4);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get(AUDIT).then().statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        List<String> expected = new ArrayList<>(s.events().stream().map(UUID::toString).toList());
        java.util.Collections.reverse(expected);
        assertEquals(expected, ids);
    }

    @Test
    void staffReviewOnlyTheirOrganizationsPatients() {
        Story s = story();
        given().auth().oauth2(Tokens.samRecords()).queryParam("actorId", s.actor())
                .when().get(AUDIT).then().statusCode(200).body("items", hasSize(6));
        given().auth().oauth2(Tokens.lenaRecords()).queryParam("actorId", s.actor())
                .when().get(AUDIT).then().statusCode(200).body("items", hasSize(0));
        given().auth().oauth2(Tokens.lenaRecords()).queryParam("patientId", s.patient())
                .when().get(AUDIT).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(Tokens.lenaRecords()).queryParam("patientId", s.patient())
                .when().get(AUDIT + "/verification").then().statusCode(404);
    }

    @Test
    void patientsProvidersAndAppsMayNotReviewTheTrailAndTheRefusalIsRecorded() {
        UUID patient = AuditFixtures.patient(DemoAccounts.RIVERSIDE, "Uma");
        UUID account = UUID.randomUUID();
        for (String token : List.of(Tokens.patient(account, patient), Tokens.drLee(), Tokens.payerApp())) {
            given().auth().oauth2(token).when().get(AUDIT)
                    .then().statusCode(403).contentType("application/problem+json")
                    .body("type", equalTo("https://carechart.org/problems/forbidden"));
            given().auth().oauth2(token).when().get(AUDIT + "/verification").then().statusCode(403);
        }
        given().when().get(AUDIT).then().statusCode(401);
        assertEquals(2, Db.count("select count(*) from audit_event where actor_id = ? and outcome = 'denied' "
                + "and resource_type = 'audit-log'", account));
    }

    @Test
    void reviewsAreThemselvesRecordedAndShowInThePatientsLog() {
        Story s = story();
        given().auth().oauth2(Tokens.samRecords()).queryParam("patientId", s.patient()).queryParam("action", "read")
                .when().get(AUDIT).then().statusCode(200);
        assertEquals(1, Db.count("select count(*) from audit_event where patient_id = ? and actor_id = ? and action = 'read' "
                        + "and resource_type = 'audit-log' and basis = 'staff' and query = ?",
                s.patient(), DemoAccounts.SAM_RECORDS, "patientId=" + s.patient() + "&action=read"));
        given().auth().oauth2(Tokens.admin(DemoAccounts.ADMIN)).queryParam("patientId", s.patient())
                .when().get(AUDIT + "/verification").then().statusCode(200).body("intact", equalTo(true));
        assertEquals(1, Db.count("select count(*) from audit_event where patient_id = ? and actor_id = ? "
                + "and resource_type = 'audit-log' and resource_id = 'verification'", s.patient(), DemoAccounts.ADMIN));
        given().auth().oauth2(Tokens.patient(UUID.randomUUID(), s.patient()))
                .when().get("/api/v1/patients/{id}/access-log", s.patient())
                .then().statusCode(200)
                .body("items[0].summary", equalTo("Test Admin (admin) checked the integrity of your access log — as a portal administrator"))
                .body("items[1].summary", equalTo("Test Staff (staff) viewed your access log — as records staff of your clinic"));
    }

    @Test
    void badFiltersAreRefusedWithTheFieldNamed() {
        String admin = Tokens.admin(DemoAccounts.ADMIN);
        Map<String, Map<String, Object>> cases = Map.of(
                "action", Map.of("action", "peek"),
                "outcome", Map.of("outcome", "maybe"),
                "basis", Map.of("basis", "friendship"),
                "from", Map.of("from", "2026-11-02T00:00:00Z", "to", "2026-11-01T00:00:00Z"),
                "to", Map.of("to", "yesterday"),
                "cursor", Map.of("cursor", "%%%"),
                "limit", Map.of("limit", 101),
                "patientId", Map.of("patientId", "123"));
        cases.forEach((field, params) -> given().auth().oauth2(admin).queryParams(params)
                .when().get(AUDIT)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://carechart.org/problems/validation"))
                .body("errors[0].field", equalTo(field)));
        given().auth().oauth2(admin).queryParam("limit", 0).when().get(AUDIT).then().statusCode(400);
        given().auth().oauth2(admin).queryParam("patientId", "nope").when().get(AUDIT + "/verification").then().statusCode(400);
    }
}
