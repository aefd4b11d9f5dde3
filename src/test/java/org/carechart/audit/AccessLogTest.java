package org.carechart.audit;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.carechart.embedded.DemoAccounts;
import org.carechart.support.Db;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class AccessLogTest {

    private static final String LOG = "/api/v1/patients/{patientId}/access-log";

    @Test
    void aPatientReadsWhoViewedAndChangedTheirChartInPlainWordsNewestFirst() {
        UUID patient = AuditFixtures.patient(DemoAccounts.RIVERSIDE, "Nora");
        UUID account = UUID.randomUUID();
        Instant t = Instant.now().minus(2, ChronoUnit.DAYS);
        AuditFixtures.event(patient, DemoAccounts.DR_LEE, "Dr. Hannah Lee", "provider", DemoAccounts.RIVERSIDE,
                "read", "medication", "care-team", "success", t);
        AuditFixtures.event(patient, DemoAccounts.SAM_RECORDS, "Sam Rivera (Health Information)", "staff",
                DemoAccounts.RIVERSIDE, "update", "chart-entry", "staff", "success", t.plusSeconds(60));
        AuditFixtures.event(patient, DemoAccounts.PAYER_APP, "Acme Health Plan app", "app", DemoAccounts.ACME_HEALTH_PLAN,
                "read", "medication", "grant", "success", t.plusSeconds(120));
        AuditFixtures.event(patient, DemoAccounts.DR_SHAW, "Dr. Miriam Shaw", "provider", DemoAccounts.LAKEVIEW,
                "read", null, null, "denied", t.plusSeconds(180));
        AuditFixtures.event(patient, DemoAccounts.DR_LEE, "Dr. Hannah Lee", "provider", DemoAccounts.RIVERSIDE,
                "break-glass", "break-glass", "break-the-glass", "success", t.plusSeconds(200));
        AuditFixtures.event(patient, account, "Nora Tester", "patient", null, "read", "observation", "self", "success",
                t.plusSeconds(240));

        JsonPath log = given().auth().oauth2(Tokens.patient(account, patient))
                .when().get(LOG, patient)
                .then().statusCode(200)
                .body("items", hasSize(6))
                .body("nextCursor", nullValue())
                .extract().jsonPath();
        assertEquals(List.of(
                "You viewed your test results — as the patient",
                "Dr. Hannah Lee (provider) opened your chart with emergency access — using emergency (break-the-glass) access",
                "Dr. Miriam Shaw (provider) tried to view your chart and was refused",
                "Acme Health Plan app (app) viewed your medications — under access you granted",
                "Sam Rivera (Health Information, staff) changed your chart entries — as records staff of your clinic",
                "Dr. Hannah Lee (provider) viewed your medications — as a member of your care team"),
                log.getList("items.summary"));
        assertEquals(List.of(true, false, false, false, false, false), log.getList("items.actor.you"));
        assertEquals("provider", log.getString("items[5].actor.role"));
        assertEquals("medications", log.getString("items[5].what"));
        assertEquals("care-team", log.getString("items[5].basis"));
        assertEquals("denied", log.getString("items[2].outcome"));
        assertTrue(log.getString("items[0].at").compareTo(log.getString("items[1].at")) > 0, "newest first");
        // Patients see names and roles, not the internal ids of the people who looked.
        assertTrue(!log.prettify().contains(DemoAccounts.DR_LEE.toString()));
    }

    @Test
    void readingTheLogIsItselfRecordedAndShownNextTime() {
        UUID patient = AuditFixtures.patient(DemoAccounts.RIVERSIDE, "Omar");
        UUID account = UUID.randomUUID();
        String token = Tokens.patient(account, patient);
        given().auth().oauth2(token).when().get(LOG, patient).then().statusCode(200).body("items", hasSize(0));

        assertEquals(1, Db.count("select count(*) from audit_event where patient_id = ? and actor_id = ? and action = 'read' "
                + "and resource_type = 'audit-log' and basis = 'self' and outcome = 'success'", patient, account));
        given().auth().oauth2(token).when().get(LOG, patient)
                .then().statusCode(200)
                .body("items.summary", equalTo(List.of("You viewed your access log — as the patient")));
    }

    @Test
    void proxiesAndStaffOfThePatientsOrganizationReadItWithTheirNames() {
        UUID patient = AuditFixtures.patient(DemoAccounts.RIVERSIDE, "Iris");
        UUID caregiver = AuditFixtures.account("Paul Tester", "patient", null);
        AuditFixtures.proxy(patient, caregiver);
        AuditFixtures.event(patient, DemoAccounts.DR_LEE, "Dr. Hannah Lee", "provider", DemoAccounts.RIVERSIDE,
                "read", "allergy", "care-team", "success", Instant.now().minusSeconds(600));

        given().auth().oauth2(Tokens.claims(caregiver, "Paul Tester", "patient").sign())
                .when().get(LOG, patient)
                .then().statusCode(200)
                .body("items[0].summary", equalTo("Dr. Hannah Lee (provider) viewed Iris's allergies — as a member of Iris's care team"));
        given().auth().oauth2(Tokens.samRecords())
                .when().get(LOG, patient)
                .then().statusCode(200)
                // Sam sees the proxy's read too, named as a proxy.
                .body("items[0].summary", equalTo("Paul Tester (proxy) viewed Iris's access log — as Iris's proxy"));
    }

    @Test
    void nobodyElseLearnsTheLogExistsAndTheRefusalIsRecorded() {
        UUID patient = AuditFixtures.patient(DemoAccounts.RIVERSIDE, "Vera");
        AuditFixtures.event(patient, DemoAccounts.DR_LEE, "Dr. Hannah Lee", "provider", DemoAccounts.RIVERSIDE,
                "read", "chart", "care-team", "success", Instant.now().minusSeconds(60));

        for (String stranger : List.of(Tokens.alice(), Tokens.lenaRecords(), Tokens.drShaw(), Tokens.drLee(),
                Tokens.admin(DemoAccounts.ADMIN), Tokens.payerApp())) {
            given().auth().oauth2(stranger)
                    .when().get(LOG, patient)
                    .then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://carechart.org/problems/not-found"));
        }
        given().auth().oauth2(Tokens.alice()).when().get(LOG, UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(Tokens.alice()).when().get(LOG, "not-a-uuid").then().statusCode(404);
        given().when().get(LOG, patient).then().statusCode(401);

        assertEquals(1, Db.count("select count(*) from audit_event where patient_id = ? and actor_id = ? and outcome = 'denied' "
                + "and resource_type = 'audit-log'", patient, DemoAccounts.LENA_RECORDS));
        assertEquals(6, Db.count("select count(*) from audit_event where patient_id = ? and outcome = 'denied'", patient));
    }

    @Test
    void pagesWithACursorAndRefusesBadPagingInput() {
        UUID patient = AuditFixtures.patient(DemoAccounts.RIVERSIDE, "Kai");
        UUID account = UUID.randomUUID();
        Instant t = Instant.now().minus(1, ChronoUnit.HOURS);
        for (int i = 0; i < 5; i++) {
            AuditFixtures.event(patient, DemoAccounts.DR_LEE, "Dr. Hannah Lee", "provider", DemoAccounts.RIVERSIDE,
                    "read", "observation", "care-team", "success", t.plusSeconds(i));
        }
        // Two events at the very same instant: the cursor still neither skips nor repeats one.
        AuditFixtures.event(patient, DemoAccounts.DR_LEE, "Dr. Hannah Lee", "provider", DemoAccounts.RIVERSIDE,
                "read", "note", "care-team", "success", t.plusSeconds(2));
        String token = Tokens.patient(account, patient);

        List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(token).queryParam("limit", 4);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get(LOG, patient).then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertEquals(2, pages);
        assertEquals(6, seen.size());
        assertEquals(6, seen.stream().distinct().count());

        given().auth().oauth2(token).queryParam("limit", 101).when().get(LOG, patient)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(token).queryParam("cursor", "bm90LWEtY3Vyc29y").when().get(LOG, patient)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void theDemoLogsReadNaturally() {
        JsonPath alice = given().auth().oauth2(Tokens.alice()).queryParam("limit", 100)
                .when().get(LOG, DemoAccounts.ALICE_PATIENT)
                .then().statusCode(200).body("items", not(hasSize(0))).extract().jsonPath();
        List<String> lines = alice.getList("items.summary");
        assertTrue(lines.contains("Dr. Hannah Lee (provider) viewed your test results — as a member of your care team"), lines::toString);
        assertTrue(lines.contains("Acme Health Plan app (app) viewed your medications — under access you granted"), lines::toString);
        assertTrue(lines.contains("Sam Rivera (Health Information, staff) changed your chart entries — as records staff of your clinic"),
                lines::toString);
        assertTrue(lines.contains("You viewed your chart summary — as the patient"), lines::toString);

        given().auth().oauth2(Tokens.carol()).queryParam("limit", 100)
                .when().get(LOG, DemoAccounts.BEN_PATIENT)
                .then().statusCode(200)
                .body("items.summary", hasItem("You viewed Ben's immunizations — as Ben's proxy"))
                .body("items.summary", hasItem("Dr. Arjun Patel (provider) added to Ben's immunizations — as a member of Ben's care team"))
                .body("items[0].at", notNullValue());
    }
}
