package org.carechart.fhir;

import io.quarkus.test.junit.QuarkusTest;
import org.carechart.chart.ChartFixtures;
import org.carechart.embedded.DemoAccounts;
import org.carechart.support.Db;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same caller asking the native API and the FHIR API for the same data gets the same answer:
 * the same entries, the same refusals, the same sensitivity filtering, the same audit rows.
 */
@QuarkusTest
class FhirParityTest {

    private static final UUID ALICE = DemoAccounts.ALICE_PATIENT;

    private static List<String> nativeIds(String token, UUID patient, String category) {
        return given().auth().oauth2(token).queryParam("category", category).queryParam("limit", 100)
                .get("/api/v1/patients/" + patient + "/chart/entries").then().statusCode(200).extract().path("items.id");
    }

    private static List<String> fhirIds(String token, String type, UUID patient) {
        return given().auth().oauth2(token).queryParam("patient", patient.toString()).queryParam("_count", 100)
                .get("/fhir/r4/" + type).then().statusCode(200).extract().path("entry.resource.id");
    }

    private static int nativeStatus(String token, String path) {
        return given().auth().oauth2(token).get(path).statusCode();
    }

    @Test
    void aGranteeSeesTheGrantedCategoriesOnBothAndNothingElse() {
        String payer = Tokens.payerApp();
        List<String> conditions = nativeIds(payer, ALICE, "condition");
        assertFalse(conditions.isEmpty());
        assertEquals(new HashSet<>(conditions), new HashSet<>(fhirIds(payer, "Condition", ALICE)));
        assertEquals(new HashSet<>(nativeIds(payer, ALICE, "medication")), new HashSet<>(fhirIds(payer, "MedicationRequest", ALICE)));
        assertEquals(403, nativeStatus(payer, "/api/v1/patients/" + ALICE + "/chart/entries?category=observation"));
        assertEquals(403, nativeStatus(payer, "/fhir/r4/Observation?patient=" + ALICE));
        assertEquals(403, nativeStatus(payer, "/fhir/r4/Coverage?patient=" + ALICE), "coverage is a category of its own, not granted");
        String observation = nativeIds(Tokens.alice(), ALICE, "observation").get(0);
        assertEquals(404, nativeStatus(payer, "/api/v1/patients/" + ALICE + "/chart/entries/" + observation));
        assertEquals(404, nativeStatus(payer, "/fhir/r4/Observation/" + observation));
        assertEquals(200, nativeStatus(payer, "/api/v1/patients/" + ALICE + "/chart/entries/" + conditions.get(0)));
        assertEquals(200, nativeStatus(payer, "/fhir/r4/Condition/" + conditions.get(0)));
    }

    @Test
    void aProviderWithNoBasisGets404OnBothAndTheDenialsAreRecorded() {
        String shaw = Tokens.drShaw();
        String observation = nativeIds(Tokens.alice(), ALICE, "observation").get(0);
        long denials = Db.count("select count(*) from audit_event where patient_id = ? and actor_id = ? and outcome = 'denied'",
                ALICE, DemoAccounts.DR_SHAW);
        assertEquals(404, nativeStatus(shaw, "/api/v1/patients/" + ALICE + "/chart/entries/" + observation));
        assertEquals(404, nativeStatus(shaw, "/fhir/r4/Observation/" + observation));
        assertEquals(404, nativeStatus(shaw, "/api/v1/patients/" + ALICE + "/chart/entries?category=observation"));
        assertEquals(404, nativeStatus(shaw, "/fhir/r4/Observation?patient=" + ALICE));
        assertEquals(404, nativeStatus(shaw, "/fhir/r4/Patient/" + ALICE));
        assertEquals(denials + 5, Db.count("select count(*) from audit_event where patient_id = ? and actor_id = ? and outcome = 'denied'",
                ALICE, DemoAccounts.DR_SHAW));
    }

    @Test
    void aParentOfATeenSeesNoSensitiveEntryOnEither() {
        ChartFixtures teen = ChartFixtures.teen();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        UUID open = teen.condition("Asthma", false, now.minus(3, ChronoUnit.DAYS));
        UUID sensitive = teen.condition("Depressive disorder", true, now.minus(2, ChronoUnit.DAYS));
        String parent = teen.parentToken();
        assertEquals(List.of(open.toString()), nativeIds(parent, teen.patient, "condition"));
        assertEquals(List.of(open.toString()), fhirIds(parent, "Condition", teen.patient));
        assertEquals(404, nativeStatus(parent, "/api/v1/patients/" + teen.patient + "/chart/entries/" + sensitive));
        assertEquals(404, nativeStatus(parent, "/fhir/r4/Condition/" + sensitive));
        assertEquals(404, nativeStatus(parent, "/fhir/r4/Condition/" + sensitive + "/_history/1"));
        assertEquals(404, nativeStatus(parent, "/fhir/r4/Provenance/" + sensitive + "-1"));
        assertEquals(Set.of(open.toString(), sensitive.toString()), new HashSet<>(fhirIds(teen.patientToken(), "Condition", teen.patient)));
    }

    @Test
    void breakTheGlassOpensBothAndIsRecordedAsSuch() {
        ChartFixtures patient = ChartFixtures.adult();
        UUID condition = patient.condition("Asthma", false, Instant.now().minus(1, ChronoUnit.DAYS));
        String shaw = Tokens.drShaw();
        assertEquals(404, nativeStatus(shaw, "/fhir/r4/Condition/" + condition));
        given().auth().oauth2(shaw).contentType("application/json")
                .body("{\"reason\": \"Unconscious in the emergency room, allergies needed\"}")
                .post("/api/v1/patients/" + patient.patient + "/break-glass").then().statusCode(201);
        given().auth().oauth2(shaw).get("/fhir/r4/Condition/" + condition).then().statusCode(200);
        assertEquals(List.of(List.of("read", "break-the-glass", "chart-entry", condition.toString())),
                Db.rows("select action, basis, resource_type, resource_id from audit_event where patient_id = ? and actor_id = ?"
                        + " and action = 'read' and outcome = 'success' order by occurred_at", patient.patient, DemoAccounts.DR_SHAW));
    }

    @Test
    void aReadLeavesTheSameAuditRowOnBothAndASearchOneRowNamingWhatItReturned() {
        ChartFixtures patient = ChartFixtures.adult();
        UUID first = patient.condition("Asthma", false, Instant.now().minus(3, ChronoUnit.DAYS));
        UUID second = patient.condition("Hypertensive disorder", false, Instant.now().minus(2, ChronoUnit.DAYS));
        String provider = patient.providerToken();
        given().auth().oauth2(provider).get("/api/v1/patients/" + patient.patient + "/chart/entries/" + first).then().statusCode(200);
        given().auth().oauth2(provider).get("/fhir/r4/Condition/" + first).then().statusCode(200);
        List<List<String>> reads = Db.rows("select action, basis, resource_type, resource_id, outcome, actor_id::text from audit_event"
                + " where patient_id = ? and action = 'read' order by occurred_at", patient.patient);
        assertEquals(2, reads.size());
        assertEquals(reads.get(0), reads.get(1));
        long searches = patient.audits("search");
        List<String> returned = fhirIds(provider, "Condition", patient.patient);
        assertEquals(List.of(second.toString(), first.toString()), returned);
        assertEquals(searches + 1, patient.audits("search"));
        List<List<String>> row = Db.rows("select resource_id, query, basis from audit_event where patient_id = ? and action = 'search'"
                + " order by occurred_at desc limit 1", patient.patient);
        assertEquals(String.join(",", returned), row.get(0).get(0));
        assertTrue(row.get(0).get(1).startsWith("fhir=Condition"));
        assertEquals("care-team", row.get(0).get(2));
    }
}
