package org.carechart.quality;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.carechart.support.Db;
import org.carechart.support.Fixtures;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Measures over hand-computed fixture patients (SQL fixtures, one fresh organization per test), evaluated
 * over real HTTP with really signed tokens: exact MeasureReports, small-cell suppression, 400s, audit.
 */
@QuarkusTest
class MeasureEvaluationTest {

    static final String BP = "/fhir/r4/Measure/controlling-high-blood-pressure/$evaluate-measure";
    static final String A1C = "/fhir/r4/Measure/diabetes-hba1c-poor-control/$evaluate-measure";
    static final String FLU = "/fhir/r4/Measure/influenza-immunization/$evaluate-measure";

    private final UUID org = Fixtures.organization();
    private final UUID staff = Fixtures.account("staff", org, null);
    private final QualityFixtures fx = new QualityFixtures(staff);
    private final UUID monitor = Fixtures.account("app", Fixtures.organization(), null);

    static String qualityToken(UUID account) {
        return Tokens.claims(account, "Test Quality Monitor", "quality").sign();
    }

    private JsonPath evaluate(String path, String token, UUID organization) {
        return given().auth().oauth2(token).queryParam("periodStart", "2025-01-01").queryParam("periodEnd", "2025-12-31")
                .queryParam("organization", "Organization/" + organization)
                .get(path).then().statusCode(200).contentType("application/fhir+json").extract().jsonPath();
    }

    private JsonPath subjectList(String path, UUID organization) {
        return given().auth().oauth2(Tokens.staff(staff, organization)).queryParam("periodStart", "2025-01-01")
                .queryParam("periodEnd", "2025-12-31").queryParam("reportType", "subject-list")
                .get(path).then().statusCode(200).extract().jsonPath();
    }

    static Long count(JsonPath report, String population) {
        Object value = report.get("group[0].population.find { it.code.coding[0].code == '" + population + "' }.count");
        return value == null ? null : ((Number) value).longValue();
    }

    static boolean masked(JsonPath report, String population) {
        return "masked".equals(report.get("group[0].population.find { it.code.coding[0].code == '" + population
                + "' }._count.extension[0].valueCode"));
    }

    @Test
    void controllingHighBloodPressureOverElevenCopiesOfTheFixtureIsExact() {
        for (int i = 0; i < 11; i++) {
            fx.hypertensionSet(org);
        }
        JsonPath report = evaluate(BP, qualityToken(monitor), org);
        assertEquals("MeasureReport", report.getString("resourceType"));
        assertEquals("summary", report.getString("type"));
        assertEquals("complete", report.getString("status"));
        assertEquals("2025-01-01", report.getString("period.start"));
        assertEquals("2025-12-31", report.getString("period.end"));
        // per copy: IP 6 (numerator, denominator only, excluded, sensitive, retracted reading, no reading),
        // 1 excluded, 2 in the numerator (controlled, sensitive); 3 not met
        assertEquals(66L, count(report, "initial-population"));
        assertEquals(66L, count(report, "denominator"));
        assertEquals(11L, count(report, "denominator-exclusion"));
        assertEquals(22L, count(report, "numerator"));
        assertEquals(0.4f, report.getFloat("group[0].measureScore.value"));
        // one audit event, with no patient
        assertEquals(List.of(List.of("search", "quality", "controlling-high-blood-pressure", "", "success")),
                Db.rows("select action, basis, resource_id, coalesce(patient_id::text, ''), outcome from audit_event"
                        + " where actor_id = ? and resource_type = 'MeasureReport'", monitor));
    }

    @Test
    void staffSeeTheirOwnCareGapsExactlyAndTheListIsAudited() {
        List<UUID> gaps = fx.hypertensionSet(org);
        JsonPath report = subjectList(BP, org);
        assertEquals("subject-list", report.getString("type"));
        assertEquals(6L, count(report, "initial-population"));
        assertEquals(1L, count(report, "denominator-exclusion"));
        assertEquals(2L, count(report, "numerator"));
        List<String> listed = report.getList("contained[0].entry.item.reference");
        assertEquals(gaps.stream().map(p -> "Patient/" + p).sorted().toList(), listed.stream().sorted().toList());
        assertEquals(List.of(List.of("search", "staff", "controlling-high-blood-pressure", "success")),
                Db.rows("select action, basis, resource_id, outcome from audit_event where actor_id = ?"
                        + " and resource_type = 'MeasureReport'", staff));
        assertFalse(Db.rows("select query from audit_event where actor_id = ? and resource_type = 'MeasureReport'", staff)
                .get(0).get(0).isEmpty());
    }

    @Test
    void staffOfAnotherOrganizationAndQualityMonitorsGetNoSubjectList() {
        fx.hypertensionSet(org);
        UUID other = Fixtures.organization();
        UUID otherStaff = Fixtures.account("staff", other, null);
        given().auth().oauth2(Tokens.staff(otherStaff, other)).queryParam("periodStart", "2025-01-01")
                .queryParam("periodEnd", "2025-12-31").queryParam("reportType", "subject-list")
                .queryParam("organization", "Organization/" + org)
                .get(BP).then().statusCode(403).body("resourceType", equalTo("OperationOutcome"));
        given().auth().oauth2(qualityToken(monitor)).queryParam("periodStart", "2025-01-01")
                .queryParam("periodEnd", "2025-12-31").queryParam("reportType", "subject-list")
                .get(BP).then().statusCode(403).body("issue[0].code", equalTo("forbidden"));
        assertEquals(1, Db.count("select count(*) from audit_event where actor_id = ? and resource_type = 'MeasureReport'"
                + " and outcome = 'denied'", monitor));
        // and staff may not count another organization's patients either
        given().auth().oauth2(Tokens.staff(otherStaff, other)).queryParam("periodStart", "2025-01-01")
                .queryParam("periodEnd", "2025-12-31").queryParam("organization", "Organization/" + org)
                .get(BP).then().statusCode(403);
    }

    @Test
    void hba1cPoorControlIsAnInverseMeasureAndCountsMissingResults() {
        UUID poor = QualityFixtures.patient(org, LocalDate.of(1970, 1, 1));     // numerator: last result 9.5
        UUID good = QualityFixtures.patient(org, LocalDate.of(1970, 1, 1));     // denominator only: last result 7.1
        UUID none = QualityFixtures.patient(org, LocalDate.of(1970, 1, 1));     // numerator: no result in the period
        UUID hospice = QualityFixtures.patient(org, LocalDate.of(1970, 1, 1));  // excluded
        UUID retracted = QualityFixtures.patient(org, LocalDate.of(1970, 1, 1)); // numerator: the good result was retracted
        UUID sensitive = QualityFixtures.patient(org, LocalDate.of(1970, 1, 1)); // sensitive result counts: denominator only
        UUID old = QualityFixtures.patient(org, LocalDate.of(1945, 1, 1));      // 80: outside 18-75
        for (UUID p : List.of(poor, good, none, hospice, retracted, sensitive, old)) {
            fx.condition(p, Measure.TYPE_2_DIABETES, LocalDate.of(2018, 1, 1));
            fx.encounter(p, LocalDate.of(2025, 2, 2));
        }
        fx.entry(poor, "observation", QualityFixtures.LOINC, "4548-4", "final", LocalDate.of(2025, 3, 1), 7.0, false);
        fx.entry(poor, "observation", QualityFixtures.LOINC, "4548-4", "final", LocalDate.of(2025, 8, 1), 9.5, false);
        fx.entry(good, "observation", QualityFixtures.LOINC, "4548-4", "final", LocalDate.of(2025, 8, 1), 7.1, false);
        fx.entry(none, "observation", QualityFixtures.LOINC, "4548-4", "final", LocalDate.of(2024, 8, 1), 6.0, false);
        fx.condition(hospice, Measure.HOSPICE_CARE, LocalDate.of(2025, 1, 1));
        fx.entry(retracted, "observation", QualityFixtures.LOINC, "4548-4", "entered-in-error", LocalDate.of(2025, 8, 1), 6.5, false);
        fx.entry(sensitive, "observation", QualityFixtures.LOINC, "4548-4", "final", LocalDate.of(2025, 8, 1), 6.8, true);
        fx.entry(old, "observation", QualityFixtures.LOINC, "4548-4", "final", LocalDate.of(2025, 8, 1), 11.0, false);
        JsonPath report = subjectList(A1C, org);
        assertEquals("decrease", report.getString("improvementNotation.coding[0].code"));
        assertEquals(6L, count(report, "initial-population"));
        assertEquals(1L, count(report, "denominator-exclusion"));
        assertEquals(3L, count(report, "numerator"));
        List<String> listed = report.getList("contained[0].entry.item.reference");
        assertEquals(List.of(poor, none, retracted).stream().map(p -> "Patient/" + p).sorted().toList(),
                listed.stream().sorted().toList());
    }

    @Test
    void influenzaImmunizationCountsVaccinesGivenInThePeriod() {
        UUID given2025 = QualityFixtures.patient(org, LocalDate.of(2000, 1, 1));
        UUID given2024 = QualityFixtures.patient(org, LocalDate.of(2000, 1, 1));
        UUID notDone = QualityFixtures.patient(org, LocalDate.of(2000, 1, 1));
        UUID allergic = QualityFixtures.patient(org, LocalDate.of(2000, 1, 1));
        UUID notSeen = QualityFixtures.patient(org, LocalDate.of(2000, 1, 1));
        for (UUID p : List.of(given2025, given2024, notDone, allergic)) {
            fx.encounter(p, LocalDate.of(2025, 10, 1));
        }
        fx.entry(given2025, "immunization", QualityFixtures.CVX, "140", "completed", LocalDate.of(2025, 10, 1), null, true);
        fx.entry(given2024, "immunization", QualityFixtures.CVX, "140", "completed", LocalDate.of(2024, 10, 1), null, false);
        fx.entry(notDone, "immunization", QualityFixtures.CVX, "140", "not-done", LocalDate.of(2025, 10, 1), null, false);
        fx.entry(allergic, "allergy", QualityFixtures.SNOMED, Measure.INFLUENZA_VACCINE_ALLERGY, "active", LocalDate.of(2020, 1, 1), null, false);
        fx.entry(notSeen, "immunization", QualityFixtures.CVX, "140", "completed", LocalDate.of(2025, 10, 1), null, false);
        JsonPath report = subjectList(FLU, org);
        assertEquals(4L, count(report, "initial-population"));
        assertEquals(1L, count(report, "denominator-exclusion"));
        assertEquals(1L, count(report, "numerator"));
        assertEquals(List.of("Patient/" + given2024, "Patient/" + notDone).stream().sorted().toList(),
                report.<String>getList("contained[0].entry.item.reference").stream().sorted().toList());
    }

    @Test
    void suppressionHidesOneToTenAndShowsZeroAndEleven() {
        UUID eleven = Fixtures.organization();
        for (int i = 0; i < 11; i++) {
            fx.controlled(eleven);
        }
        JsonPath shown = evaluate(BP, qualityToken(monitor), eleven);
        assertEquals(11L, count(shown, "initial-population"));
        assertEquals(0L, count(shown, "denominator-exclusion"));
        assertEquals(11L, count(shown, "numerator"));
        assertEquals(1.0f, shown.getFloat("group[0].measureScore.value"));

        UUID ten = Fixtures.organization();
        for (int i = 0; i < 10; i++) {
            fx.controlled(ten);
        }
        JsonPath hidden = evaluate(BP, qualityToken(monitor), ten);
        for (String population : List.of("initial-population", "denominator", "numerator")) {
            assertNull(count(hidden, population), population);
            assertEquals(true, masked(hidden, population), population);
        }
        assertEquals(0L, count(hidden, "denominator-exclusion"));
        assertEquals("masked", hidden.getString("group[0].measureScore.extension[0].valueCode"));
        assertNull(hidden.get("group[0].measureScore.value"));

        // 11 controlled and 1 not: every shown count is > 10, but the numerator would give away the 1 not met
        UUID twelve = Fixtures.organization();
        for (int i = 0; i < 11; i++) {
            fx.controlled(twelve);
        }
        UUID uncontrolled = QualityFixtures.patient(twelve, LocalDate.of(1970, 1, 1));
        fx.condition(uncontrolled, Measure.HYPERTENSION, LocalDate.of(2020, 1, 1));
        fx.encounter(uncontrolled, LocalDate.of(2025, 3, 3));
        fx.bp(uncontrolled, LocalDate.of(2025, 3, 3), 160, 100);
        JsonPath complement = evaluate(BP, qualityToken(monitor), twelve);
        assertEquals(12L, count(complement, "initial-population"));
        assertEquals(0L, count(complement, "denominator-exclusion"));
        assertNull(count(complement, "numerator"));
        assertEquals(true, masked(complement, "numerator"));
        assertEquals("masked", complement.getString("group[0].measureScore.extension[0].valueCode"));

        // an organization with nobody in the population: zeros are shown, no score exists
        JsonPath empty = evaluate(BP, qualityToken(monitor), Fixtures.organization());
        assertEquals(0L, count(empty, "initial-population"));
        assertEquals(0L, count(empty, "numerator"));
        assertNull(empty.get("group[0].measureScore"));
    }

    @Test
    void aMissingOrInvalidPeriodIsA400OperationOutcome() {
        String token = qualityToken(monitor);
        given().auth().oauth2(token).queryParam("periodEnd", "2025-12-31").get(BP).then().statusCode(400)
                .contentType("application/fhir+json").body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].expression", hasItems("periodStart"));
        given().auth().oauth2(token).queryParam("periodStart", "2025-01-01").get(BP).then().statusCode(400)
                .body("issue[0].expression", hasItems("periodEnd"));
        given().auth().oauth2(token).queryParam("periodStart", "2025-13-01").queryParam("periodEnd", "2025-12-31")
                .get(BP).then().statusCode(400).body("issue[0].code", equalTo("invalid"));
        given().auth().oauth2(token).queryParam("periodStart", "2025-06-01").queryParam("periodEnd", "2025-01-31")
                .get(BP).then().statusCode(400).body("issue[0].expression", hasItems("periodEnd"));
        given().auth().oauth2(token).queryParam("periodStart", "2025-01-01").queryParam("periodEnd", "2025-12-31")
                .queryParam("organization", "not-an-id").get(BP).then().statusCode(400);
        given().auth().oauth2(token).queryParam("periodStart", "2025-01-01").queryParam("periodEnd", "2025-12-31")
                .get("/fhir/r4/Measure/no-such-measure/$evaluate-measure").then().statusCode(404)
                .body("resourceType", equalTo("OperationOutcome"));
        given().queryParam("periodStart", "2025-01-01").queryParam("periodEnd", "2025-12-31").get(BP).then().statusCode(401);
    }

    @Test
    void theCatalogIsReadableAsFhirMeasures() {
        String token = qualityToken(monitor);
        given().auth().oauth2(token).get("/fhir/r4/Measure").then().statusCode(200)
                .body("resourceType", equalTo("Bundle")).body("total", equalTo(Measure.CATALOG.size()))
                .body("entry.resource.id", hasItems("controlling-high-blood-pressure", "diabetes-hba1c-poor-control",
                        "influenza-immunization"));
        given().auth().oauth2(token).get("/fhir/r4/Measure/controlling-high-blood-pressure").then().statusCode(200)
                .body("resourceType", equalTo("Measure")).body("scoring.coding[0].code", equalTo("proportion"))
                .body("group[0].population.code.coding.code.flatten()", hasItems("initial-population", "denominator",
                        "denominator-exclusion", "numerator"));
        given().auth().oauth2(token).get("/fhir/r4/Measure/nope").then().statusCode(404);
    }
}
