package org.carechart.fhir;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.carechart.embedded.DemoAccounts;
import org.carechart.support.Db;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The FHIR API as a client sees it: reads, searches the way clients send them, paging, errors. */
@QuarkusTest
class FhirApiTest {

    private static final String ALICE = DemoAccounts.ALICE_PATIENT.toString();
    private static final String BASE = "/fhir/r4";

    private static io.restassured.specification.RequestSpecification lee() {
        return given().auth().oauth2(Tokens.drLee()).accept("application/fhir+json");
    }

    @Test
    void theCapabilityStatementSaysWhatIsSupportedWithoutASignIn() {
        given().get(BASE + "/metadata").then().statusCode(200)
                .contentType(startsWith("application/fhir+json"))
                .body("resourceType", equalTo("CapabilityStatement"))
                .body("fhirVersion", equalTo("4.0.1"))
                .body("instantiates", hasItem("http://hl7.org/fhir/us/core/CapabilityStatement/us-core-server|6.1.0"))
                .body("rest[0].resource.type", hasItems("Patient", "Observation", "Condition", "Provenance", "DocumentReference"))
                .body("rest[0].resource.find { it.type == 'Observation' }.searchRevInclude", hasItem("Provenance:target"))
                .body("rest[0].resource.find { it.type == 'Observation' }.searchParam.name", hasItems("patient", "category", "code", "date"))
                .body("rest[0].documentation", containsString("Not supported"))
                .body("rest[0].resource.type", hasItems("Coverage", "DiagnosticReport"))
                .body("rest[0].resource.find { it.type == 'DiagnosticReport' }.searchRevInclude", hasItem("Provenance:target"))
                .body("rest[0].resource.find { it.type == 'Observation' }.supportedProfile",
                        hasItems(FhirType.US_CORE + "us-core-blood-pressure", FhirType.US_CORE + "us-core-smokingstatus"))
                .body("rest[0].resource.type", not(hasItem("Goal")));
    }

    @Test
    void observationSearchByPatientAndCategoryTakesEitherReferenceForm() {
        List<String> byReference = lee().queryParam("patient", "Patient/" + ALICE).queryParam("category", "vital-signs")
                .get(BASE + "/Observation").then().statusCode(200)
                .body("resourceType", equalTo("Bundle")).body("type", equalTo("searchset"))
                .body("entry.resource.category.flatten().coding.flatten().code", everyItem(equalTo("vital-signs")))
                .body("entry.resource.subject.reference", everyItem(equalTo("Patient/" + ALICE)))
                .body("entry.resource.meta.profile.flatten()", everyItem(startsWith(FhirType.US_CORE)))
                .extract().path("entry.resource.id");
        List<String> byId = lee().queryParam("patient", ALICE)
                .queryParam("category", "http://terminology.hl7.org/CodeSystem/observation-category|vital-signs")
                .get(BASE + "/Observation").then().statusCode(200).extract().path("entry.resource.id");
        assertFalse(byReference.isEmpty());
        assertEquals(byReference, byId);
        lee().queryParam("patient", ALICE).queryParam("category", "laboratory").get(BASE + "/Observation").then().statusCode(200)
                .body("entry.resource.category.flatten().coding.flatten().code", everyItem(equalTo("laboratory")))
                .body("entry.resource.meta.profile.flatten()", everyItem(equalTo(FhirType.US_CORE + "us-core-observation-lab")));
        lee().queryParam("patient", ALICE).queryParam("category", "social-history").get(BASE + "/Observation").then().statusCode(200)
                .body("total", equalTo(1))
                .body("entry[0].resource.code.coding[0].code", equalTo("72166-2"))
                .body("entry[0].resource.meta.profile[0]", equalTo(FhirType.US_CORE + "us-core-smokingstatus"))
                .body("entry[0].resource.category[0].coding[0].code", equalTo("social-history"))
                .body("entry[0].resource.valueCodeableConcept.coding[0].system", equalTo("http://snomed.info/sct"));
        lee().queryParam("patient", ALICE).queryParam("category", "laboratory").queryParam("_count", 100).get(BASE + "/Observation")
                .then().statusCode(200).body("entry.resource.code.coding.flatten().code", not(hasItem("72166-2")));
    }

    @Test
    void bloodPressurePanelsPairTheSeparateSystolicAndDiastolicEntries() {
        long systolicRows = Db.count("select count(*) from chart_entry where patient_id = ? and code = '8480-6'", DemoAccounts.ALICE_PATIENT);
        long searchesBefore = Db.count("select count(*) from audit_event where patient_id = ? and action = 'search'", DemoAccounts.ALICE_PATIENT);
        JsonPath panels = JsonPath.from(lee().queryParam("patient", ALICE).queryParam("code", "http://loinc.org|85354-9")
                .queryParam("_count", 100).get(BASE + "/Observation").then().statusCode(200)
                .body("entry.resource.meta.profile.flatten()", everyItem(equalTo(FhirType.US_CORE + "us-core-blood-pressure")))
                .body("entry.resource.code.coding.flatten().code", everyItem(equalTo("85354-9")))
                .extract().asString());
        List<String> ids = panels.getList("entry.resource.id");
        assertEquals(systolicRows, ids.size(), "one panel per systolic entry; the chart still stores 8480-6 rows");
        assertTrue(ids.stream().allMatch(id -> id.endsWith("-bp")));
        // two chart queries (the systolic page, then their diastolic partners), each recorded
        assertEquals(searchesBefore + 2, Db.count("select count(*) from audit_event where patient_id = ? and action = 'search'",
                DemoAccounts.ALICE_PATIENT));
        String panelId = ids.get(0);
        String systolicId = panelId.substring(0, panelId.length() - 3);
        JsonPath panel = JsonPath.from(lee().get(BASE + "/Observation/" + panelId).then().statusCode(200).extract().asString());
        assertEquals(List.of("8480-6", "8462-4"), panel.getList("component.code.coding.flatten().code"));
        JsonPath systolic = JsonPath.from(lee().get(BASE + "/Observation/" + systolicId).then().statusCode(200)
                .body("code.coding[0].code", equalTo("8480-6")).extract().asString());
        assertEquals(systolic.getFloat("valueQuantity.value"), panel.getFloat("component[0].valueQuantity.value"));
        assertEquals(systolic.getString("effectiveDateTime"), panel.getString("effectiveDateTime"));
        String diastolicRef = panel.getString("derivedFrom[1].reference");
        lee().get(BASE + "/" + diastolicRef).then().statusCode(200)
                .body("code.coding[0].code", equalTo("8462-4"))
                .body("effectiveDateTime", equalTo(systolic.getString("effectiveDateTime")))
                .body("valueQuantity.value", equalTo(panel.getFloat("component[1].valueQuantity.value")));
        // a heart rate entry is no panel
        String heartRate = lee().queryParam("patient", ALICE).queryParam("code", "8867-4").get(BASE + "/Observation")
                .then().extract().path("entry[0].resource.id");
        lee().get(BASE + "/Observation/" + heartRate + "-bp").then().statusCode(404);
        lee().queryParam("patient", ALICE).queryParam("code", "85354-9,8867-4").get(BASE + "/Observation").then().statusCode(400)
                .body("issue[0].expression[0]", equalTo("code"));
        lee().queryParam("patient", ALICE).queryParam("code", "85354-9").queryParam("_revinclude", "Provenance:target")
                .get(BASE + "/Observation").then().statusCode(200)
                .body("entry.findAll { it.search.mode == 'include' }.resource.target.flatten().reference",
                        hasItem("Observation/" + panelId));
    }

    @Test
    void labReportsGroupTheResultsDrawnTogetherAndPageByReport() {
        long times = Db.count("select count(distinct effective_at) from chart_entry where patient_id = ? and category = 'observation'"
                + " and code not in ('8480-6','8462-4','85354-9','8867-4','29463-7','8302-2','39156-5','8310-5','9279-1','2708-6',"
                + "'59408-5','8287-5','72166-2') and status <> 'entered-in-error'", DemoAccounts.ALICE_PATIENT);
        JsonPath all = JsonPath.from(lee().queryParam("patient", "Patient/" + ALICE).queryParam("category", "LAB")
                .queryParam("_count", 100).queryParam("_revinclude", "Provenance:target").get(BASE + "/DiagnosticReport")
                .then().statusCode(200)
                .body("entry.findAll { it.search.mode == 'match' }.resource.meta.profile.flatten()",
                        everyItem(equalTo(FhirType.US_CORE + "us-core-diagnosticreport-lab")))
                .extract().asString());
        List<String> ids = all.getList("entry.findAll { it.search.mode == 'match' }.resource.id");
        assertEquals(times, ids.size(), "one report per time Alice's lab results were drawn");
        String id = ids.get(0);
        JsonPath report = JsonPath.from(lee().get(BASE + "/DiagnosticReport/" + id).then().statusCode(200)
                .body("code.coding[0].code", equalTo("11502-2"))
                .body("category[0].coding[0].code", equalTo("LAB")).extract().asString());
        List<String> results = report.getList("result.reference");
        assertTrue(results.size() > 1);
        for (String result : results) {
            lee().get(BASE + "/" + result).then().statusCode(200)
                    .body("category[0].coding[0].code", equalTo("laboratory"))
                    .body("effectiveDateTime", equalTo(report.getString("effectiveDateTime")));
        }
        assertTrue(all.getList("entry.findAll { it.search.mode == 'include' }.resource.target.flatten().reference")
                .contains("DiagnosticReport/" + id));
        // _count counts reports; the next links reach every report once
        Response first = lee().queryParam("patient", ALICE).queryParam("_count", 1).get(BASE + "/DiagnosticReport");
        first.then().statusCode(200).body("entry", hasSize(1));
        List<String> seen = new ArrayList<>(first.path("entry.resource.id"));
        String next = first.path("link.find { it.relation == 'next' }.url");
        while (next != null) {
            Response page = given().auth().oauth2(Tokens.drLee()).urlEncodingEnabled(false).get(next);
            page.then().statusCode(200);
            seen.addAll(page.path("entry.resource.id"));
            next = page.path("link.find { it.relation == 'next' }.url");
        }
        assertEquals(ids, seen);
        lee().queryParam("patient", ALICE).queryParam("code", "http://loinc.org|11502-2").get(BASE + "/DiagnosticReport")
                .then().statusCode(200).body("total", equalTo(ids.size()));
        lee().queryParam("patient", ALICE).queryParam("code", "4548-4").get(BASE + "/DiagnosticReport")
                .then().statusCode(200).body("total", equalTo(0));
        lee().queryParam("patient", ALICE).queryParam("category", "RAD").get(BASE + "/DiagnosticReport")
                .then().statusCode(200).body("total", equalTo(0));
        lee().get(BASE + "/DiagnosticReport/" + ALICE + ".12345").then().statusCode(404);
        lee().get(BASE + "/DiagnosticReport/" + id + "/_history/1").then().statusCode(400);
    }

    @Test
    void coverageIsReadThroughThePolicyAndRecorded() {
        long reads = Db.count("select count(*) from audit_event where patient_id = ? and resource_type = 'coverage' and outcome = 'success'",
                DemoAccounts.ALICE_PATIENT);
        String id = lee().queryParam("patient", ALICE).get(BASE + "/Coverage").then().statusCode(200)
                .body("total", equalTo(1))
                .body("entry[0].resource.meta.profile[0]", equalTo(FhirType.US_CORE + "us-core-coverage"))
                .body("entry[0].resource.beneficiary.reference", equalTo("Patient/" + ALICE))
                .body("entry[0].resource.payor[0].reference", equalTo("Organization/" + DemoAccounts.ACME_HEALTH_PLAN))
                .body("entry[0].resource.identifier[0].type.coding[0].code", equalTo("MB"))
                .body("entry[0].resource.relationship.coding[0].code", equalTo("self"))
                .extract().path("entry[0].resource.id");
        lee().get(BASE + "/Coverage/" + id).then().statusCode(200).body("id", equalTo(id));
        lee().get(BASE + "/Organization/" + DemoAccounts.ACME_HEALTH_PLAN).then().statusCode(200).body("name", equalTo("Acme Health Plan"));
        assertEquals(reads + 2, Db.count("select count(*) from audit_event where patient_id = ? and resource_type = 'coverage'"
                + " and outcome = 'success'", DemoAccounts.ALICE_PATIENT));
        given().auth().oauth2(Tokens.drShaw()).get(BASE + "/Coverage/" + id).then().statusCode(404);
        given().auth().oauth2(Tokens.drShaw()).queryParam("patient", ALICE).get(BASE + "/Coverage").then().statusCode(404);
        given().auth().oauth2(Tokens.carol()).queryParam("patient", DemoAccounts.BEN_PATIENT.toString()).get(BASE + "/Coverage")
                .then().statusCode(200).body("entry[0].resource.relationship.coding[0].code", equalTo("child"));
        lee().get(BASE + "/Coverage/" + java.util.UUID.randomUUID()).then().statusCode(404);
        lee().get(BASE + "/Coverage").then().statusCode(400);
    }

    @Test
    void aRepeatedReadIsDecidedAndRecordedEveryTimeThoughTheEntrysPatientIsKnown() {
        String id = lee().queryParam("patient", ALICE).queryParam("code", "8310-5").get(BASE + "/Observation")
                .then().statusCode(200).extract().path("entry[0].resource.id");
        long reads = Db.count("select count(*) from audit_event where patient_id = ? and action = 'read' and resource_id = ?",
                DemoAccounts.ALICE_PATIENT, id);
        lee().get(BASE + "/Observation/" + id).then().statusCode(200);
        lee().get(BASE + "/Observation/" + id).then().statusCode(200);
        given().auth().oauth2(Tokens.drShaw()).get(BASE + "/Observation/" + id).then().statusCode(404);
        given().auth().oauth2(Tokens.drShaw()).get(BASE + "/Observation/" + id + "/_history/1").then().statusCode(404);
        assertEquals(reads + 2, Db.count("select count(*) from audit_event where patient_id = ? and action = 'read'"
                + " and resource_id = ? and outcome = 'success'", DemoAccounts.ALICE_PATIENT, id));
        assertEquals(2, Db.count("select count(*) from audit_event where patient_id = ? and actor_id = ? and resource_id = ?"
                + " and outcome = 'denied'", DemoAccounts.ALICE_PATIENT, DemoAccounts.DR_SHAW, id));
    }

    @Test
    void bmiAndHeightAreVitalSignsWithTheirProfiles() {
        lee().queryParam("patient", ALICE).queryParam("code", "39156-5").get(BASE + "/Observation").then().statusCode(200)
                .body("total", equalTo(1))
                .body("entry[0].resource.meta.profile[0]", equalTo(FhirType.US_CORE + "us-core-bmi"))
                .body("entry[0].resource.valueQuantity.code", equalTo("kg/m2"));
        lee().queryParam("patient", ALICE).queryParam("code", "8302-2").get(BASE + "/Observation").then().statusCode(200)
                .body("total", equalTo(1))
                .body("entry[0].resource.meta.profile[0]", equalTo(FhirType.US_CORE + "us-core-body-height"));
    }

    @Test
    void codeTokensTakeASystemAndCommaSeparatedAlternatives() {
        lee().queryParam("patient", ALICE).queryParam("code", "http://loinc.org|8867-4").get(BASE + "/Observation")
                .then().statusCode(200).body("entry", not(empty()))
                .body("entry.resource.code.coding.flatten().code", everyItem(equalTo("8867-4")))
                .body("entry.resource.meta.profile.flatten()", everyItem(equalTo(FhirType.US_CORE + "us-core-heart-rate")));
        List<String> codes = lee().queryParam("patient", ALICE).queryParam("code", "8867-4,http://loinc.org|29463-7")
                .queryParam("_count", 100).get(BASE + "/Observation")
                .then().statusCode(200).extract().path("entry.resource.code.coding.flatten().code");
        assertEquals(Set.of("8867-4", "29463-7"), new HashSet<>(codes));
        lee().queryParam("patient", ALICE).queryParam("code", "http://snomed.info/sct|8867-4").get(BASE + "/Observation")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void datesTakeComparatorsAndThePrecisionGiven() {
        List<String> all = lee().queryParam("patient", ALICE).queryParam("code", "8867-4").queryParam("_count", 100)
                .get(BASE + "/Observation").then().statusCode(200).extract().path("entry.resource.effectiveDateTime");
        assertTrue(all.size() > 2);
        String middle = all.get(all.size() / 2);
        String day = middle.substring(0, 10);
        List<String> onOrAfter = lee().queryParam("patient", ALICE).queryParam("code", "8867-4").queryParam("_count", 100)
                .queryParam("date", "ge" + day).get(BASE + "/Observation").then().statusCode(200)
                .extract().path("entry.resource.effectiveDateTime");
        List<String> before = lee().queryParam("patient", ALICE).queryParam("code", "8867-4").queryParam("_count", 100)
                .queryParam("date", "lt" + day).get(BASE + "/Observation").then().statusCode(200)
                .extract().path("entry.resource.effectiveDateTime");
        assertEquals(all.size(), onOrAfter.size() + before.size());
        assertTrue(onOrAfter.stream().allMatch(t -> t.compareTo(day) >= 0));
        assertTrue(before.stream().allMatch(t -> t.compareTo(day) < 0));
        List<String> that = lee().queryParam("patient", ALICE).queryParam("code", "8867-4")
                .queryParam("date", "ge" + day).queryParam("date", "le" + day).get(BASE + "/Observation").then().statusCode(200)
                .extract().path("entry.resource.effectiveDateTime");
        assertTrue(that.contains(middle));
        assertTrue(that.stream().allMatch(t -> t.startsWith(day)));
        List<String> gt = lee().queryParam("patient", ALICE).queryParam("code", "8867-4").queryParam("_count", 100)
                .queryParam("date", "gt" + middle).get(BASE + "/Observation").then().statusCode(200)
                .extract().path("entry.resource.effectiveDateTime");
        assertFalse(gt.contains(middle));
    }

    @Test
    void pagesFollowTheNextLinkToTheEnd() {
        Response first = lee().queryParam("patient", ALICE).queryParam("category", "vital-signs").queryParam("_count", 7)
                .get(BASE + "/Observation");
        first.then().statusCode(200).body("entry", hasSize(7))
                .body("link.find { it.relation == 'self' }.url", containsString("_count=7"));
        List<String> seen = new ArrayList<>(first.path("entry.resource.id"));
        String next = first.path("link.find { it.relation == 'next' }.url");
        int pages = 1;
        while (next != null) {
            Response page = given().auth().oauth2(Tokens.drLee()).urlEncodingEnabled(false).get(next);
            page.then().statusCode(200);
            seen.addAll(page.path("entry.resource.id"));
            next = page.path("link.find { it.relation == 'next' }.url");
            pages++;
        }
        List<String> everything = lee().queryParam("patient", ALICE).queryParam("category", "vital-signs")
                .queryParam("_count", 100).get(BASE + "/Observation").then().extract().path("entry.resource.id");
        assertTrue(pages > 2);
        assertEquals(everything, seen);
    }

    @Test
    void postSearchAnswersLikeGet() {
        List<String> get = lee().queryParam("patient", ALICE).queryParam("category", "problem-list-item")
                .get(BASE + "/Condition").then().statusCode(200).extract().path("entry.resource.id");
        List<String> post = lee().contentType("application/x-www-form-urlencoded").formParam("patient", ALICE)
                .formParam("category", "problem-list-item").post(BASE + "/Condition/_search")
                .then().statusCode(200).body("type", equalTo("searchset")).extract().path("entry.resource.id");
        assertFalse(get.isEmpty());
        assertEquals(get, post);
    }

    @Test
    void everySupportedTypeSearchesByItsUsCoreParameters() {
        lee().queryParam("patient", ALICE).queryParam("clinical-status", "active").get(BASE + "/Condition").then().statusCode(200)
                .body("entry.resource.clinicalStatus.coding.flatten().code", everyItem(equalTo("active")));
        lee().queryParam("patient", ALICE).queryParam("intent", "order").queryParam("status", "active")
                .get(BASE + "/MedicationRequest").then().statusCode(200).body("entry", not(empty()))
                .body("entry.resource.intent", everyItem(equalTo("order")));
        lee().queryParam("patient", ALICE).queryParam("intent", "plan").get(BASE + "/MedicationRequest").then().statusCode(200)
                .body("total", equalTo(0));
        lee().queryParam("patient", ALICE).get(BASE + "/AllergyIntolerance").then().statusCode(200);
        lee().queryParam("patient", ALICE).get(BASE + "/Immunization").then().statusCode(200).body("entry", not(empty()));
        lee().queryParam("patient", ALICE).queryParam("date", "ge2000-01").get(BASE + "/Encounter").then().statusCode(200)
                .body("entry", not(empty()));
        lee().queryParam("patient", ALICE).queryParam("category", "clinical-note").queryParam("date", "ge2000")
                .get(BASE + "/DocumentReference").then().statusCode(200).body("entry", not(empty()));
        lee().queryParam("patient", ALICE).queryParam("status", "active").get(BASE + "/CareTeam").then().statusCode(200)
                .body("entry[0].resource.participant.member.reference", hasItem("Practitioner/" + DemoAccounts.DR_LEE));
        lee().queryParam("_id", ALICE).get(BASE + "/Patient").then().statusCode(200).body("entry", hasSize(1));
        String mrn = lee().get(BASE + "/Patient/" + ALICE).then().statusCode(200).extract().path("identifier[0].value");
        String system = lee().get(BASE + "/Patient/" + ALICE).then().extract().path("identifier[0].system");
        lee().queryParam("identifier", system + "|" + mrn).get(BASE + "/Patient").then().statusCode(200)
                .body("entry.resource.id", equalTo(List.of(ALICE)));
        lee().queryParam("name", "Morgan").queryParam("birthdate", (String) lee().get(BASE + "/Patient/" + ALICE).path("birthDate"))
                .get(BASE + "/Patient").then().statusCode(200).body("entry.resource.id", hasItem(ALICE))
                .body("entry.resource.name.flatten().family", everyItem(equalTo("Morgan")));
        lee().queryParam("name", "Morgan").queryParam("gender", "male").get(BASE + "/Patient").then().statusCode(200)
                .body("entry.resource.id", not(hasItem(ALICE)));
    }

    @Test
    void provenanceComesWithTheMatchesWhenAskedAndReadsAlone() {
        JsonPath bundle = lee().queryParam("patient", ALICE).queryParam("intent", "order")
                .queryParam("_revinclude", "Provenance:target").get(BASE + "/MedicationRequest")
                .then().statusCode(200).extract().jsonPath();
        List<String> matches = bundle.getList("entry.findAll { it.search.mode == 'match' }.resource.id");
        List<String> targets = bundle.getList("entry.findAll { it.search.mode == 'include' }.resource.target.flatten().reference");
        assertEquals(matches.size(), targets.size());
        matches.forEach(id -> assertTrue(targets.stream().anyMatch(t -> t.startsWith("MedicationRequest/" + id + "/_history/"))));
        String provenanceId = bundle.getString("entry.find { it.search.mode == 'include' }.resource.id");
        lee().get(BASE + "/Provenance/" + provenanceId).then().statusCode(200)
                .body("agent[0].who.reference", startsWith("Practitioner/"))
                .body("agent[0].onBehalfOf.reference", startsWith("Organization/"));
    }

    @Test
    void versionsReadFromTheEntryHistory() {
        // every demo chart has a medication whose dose was corrected: version 2
        JsonPath bundle = lee().queryParam("patient", ALICE).queryParam("intent", "order").get(BASE + "/MedicationRequest")
                .then().statusCode(200).extract().jsonPath();
        String id = bundle.getString("entry.find { it.resource.meta.versionId == '2' }.resource.id");
        String current = lee().get(BASE + "/MedicationRequest/" + id).then().statusCode(200)
                .header("ETag", equalTo("W/\"2\"")).extract().path("dosageInstruction[0].text");
        String first = lee().get(BASE + "/MedicationRequest/" + id + "/_history/1").then().statusCode(200)
                .body("meta.versionId", equalTo("1")).extract().path("dosageInstruction[0].text");
        assertNotEquals(current, first);
        lee().get(BASE + "/MedicationRequest/" + id + "/_history/3").then().statusCode(404);
        lee().get(BASE + "/Provenance/" + id + "-1").then().statusCode(200).body("activity.coding[0].code", equalTo("CREATE"));
        lee().get(BASE + "/Provenance/" + id + "-2").then().statusCode(200).body("activity.coding[0].code", equalTo("UPDATE"));
    }

    @Test
    void referencedPractitionersAndOrganizationsRead() {
        String observation = lee().queryParam("patient", ALICE).queryParam("_count", 1).get(BASE + "/Observation")
                .then().extract().path("entry[0].resource.id");
        String practitioner = lee().get(BASE + "/Observation/" + observation).then().statusCode(200)
                .extract().path("performer[0].reference");
        assertEquals("Practitioner/" + DemoAccounts.DR_LEE, practitioner);
        lee().get(BASE + "/" + practitioner).then().statusCode(200)
                .body("resourceType", equalTo("Practitioner")).body("name[0].family", equalTo("Lee"))
                .body("name[0].prefix", hasItem("Dr."));
        String managing = lee().get(BASE + "/Patient/" + ALICE).then().extract().path("managingOrganization.reference");
        lee().get(BASE + "/" + managing).then().statusCode(200).body("name", equalTo("Riverside Community Health"));
    }

    @Test
    void proceduresSearchByPatientAndDateAndReadAsUsCore() {
        JsonPath bundle = lee().queryParam("patient", ALICE).get(BASE + "/Procedure").then().statusCode(200)
                .body("entry", not(empty()))
                .body("entry.resource.resourceType", everyItem(equalTo("Procedure")))
                .body("entry.resource.meta.profile.flatten()", everyItem(equalTo(FhirType.US_CORE + "us-core-procedure")))
                .body("entry.resource.status", everyItem(equalTo("completed")))
                .body("entry.resource.code.coding.flatten().system", everyItem(equalTo("http://snomed.info/sct")))
                .body("entry.resource.subject.reference", everyItem(equalTo("Patient/" + ALICE)))
                .extract().jsonPath();
        String id = bundle.getString("entry[0].resource.id");
        String performed = bundle.getString("entry[0].resource.performedDateTime");
        String day = performed.substring(0, 10);
        lee().queryParam("patient", ALICE).queryParam("date", "ge" + day).queryParam("date", "le" + day)
                .get(BASE + "/Procedure").then().statusCode(200).body("entry.resource.id", hasItem(id));
        lee().queryParam("patient", ALICE).queryParam("date", "lt" + day).get(BASE + "/Procedure").then().statusCode(200)
                .body("entry.resource.id", not(hasItem(id)));
        lee().queryParam("patient", ALICE).queryParam("status", "not-done").get(BASE + "/Procedure").then().statusCode(200)
                .body("total", equalTo(0));
        lee().get(BASE + "/Procedure/" + id).then().statusCode(200).body("performer[0].actor.reference", startsWith("Practitioner/"))
                .body("meta.versionId", equalTo("1"));
        lee().get(BASE + "/Procedure/" + id + "/_history/1").then().statusCode(200);
        lee().get(BASE + "/Condition/" + id).then().statusCode(404);
        given().get(BASE + "/metadata").then()
                .body("rest[0].resource.find { it.type == 'Procedure' }.searchParam.name", hasItems("patient", "date"))
                .body("rest[0].resource.find { it.type == 'Procedure' }.searchRevInclude", hasItem("Provenance:target"));
    }

    @Test
    void relatedPersonsAreTheProxyLinksReadThroughTheSamePolicyAndAudit() {
        String ben = DemoAccounts.BEN_PATIENT.toString();
        String sam = Tokens.samRecords();
        JsonPath bundle = given().auth().oauth2(sam).accept("application/fhir+json").queryParam("patient", "Patient/" + ben)
                .get(BASE + "/RelatedPerson").then().statusCode(200).contentType(startsWith("application/fhir+json"))
                .body("type", equalTo("searchset")).body("total", equalTo(1)).extract().jsonPath();
        String id = bundle.getString("entry[0].resource.id");
        given().auth().oauth2(sam).accept("application/fhir+json").get(BASE + "/RelatedPerson/" + id).then().statusCode(200)
                .body("meta.profile", hasItem(FhirType.US_CORE + "us-core-relatedperson"))
                .body("active", equalTo(true))
                .body("patient.reference", equalTo("Patient/" + ben))
                .body("relationship[0].coding[0].code", equalTo("PRN"))
                .body("name[0].family", equalTo("Carter")).body("name[0].given", hasItem("Carol"))
                .body("period.start", notNullValue());
        given().auth().oauth2(sam).queryParam("_id", id).get(BASE + "/RelatedPerson").then().statusCode(200)
                .body("entry.resource.id", equalTo(List.of(id)));
        long reads = Db.count("select count(*) from audit_event where patient_id = ? and actor_id = ? and resource_type = 'proxy-link'"
                + " and action = 'read' and outcome = 'success'", DemoAccounts.BEN_PATIENT, DemoAccounts.SAM_RECORDS);
        given().auth().oauth2(sam).get(BASE + "/RelatedPerson/" + id).then().statusCode(200);
        assertEquals(reads + 1, Db.count("select count(*) from audit_event where patient_id = ? and actor_id = ?"
                + " and resource_type = 'proxy-link' and action = 'read' and outcome = 'success'",
                DemoAccounts.BEN_PATIENT, DemoAccounts.SAM_RECORDS));
        // A provider may read Ben's chart but not manage his proxies: FHIR refuses as the native API does.
        int nativeStatus = given().auth().oauth2(Tokens.drLee()).get("/api/v1/patients/" + ben + "/proxies").statusCode();
        assertNotEquals(200, nativeStatus);
        lee().queryParam("patient", ben).get(BASE + "/RelatedPerson").then().statusCode(nativeStatus)
                .body("resourceType", equalTo("OperationOutcome"));
        lee().get(BASE + "/RelatedPerson/" + id).then().statusCode(nativeStatus);
        given().auth().oauth2(sam).get(BASE + "/RelatedPerson/" + java.util.UUID.randomUUID()).then().statusCode(404)
                .body("issue[0].code", equalTo("not-found"));
        given().auth().oauth2(sam).get(BASE + "/RelatedPerson").then().statusCode(400).body("issue[0].code", equalTo("required"));
        given().get(BASE + "/metadata").then()
                .body("rest[0].resource.find { it.type == 'RelatedPerson' }.searchParam.name", equalTo(List.of("_id", "patient")))
                .body("rest[0].resource.find { it.type == 'RelatedPerson' }.supportedProfile",
                        hasItem(FhirType.US_CORE + "us-core-relatedperson"));
    }

    @Test
    void documentsComeAsBinaryInFhirOrAsTheirBytes() {
        String documentId = UsCoreValidationTest.uploadDocument(Tokens.drLee());
        lee().queryParam("patient", ALICE).queryParam("type", "http://loinc.org|11503-0").get(BASE + "/DocumentReference")
                .then().statusCode(200).body("entry.resource.content.flatten().attachment.url", hasItem("Binary/" + documentId));
        lee().get(BASE + "/Binary/" + documentId).then().statusCode(200).body("contentType", equalTo("application/pdf"))
                .body("data", notNullValue());
        given().auth().oauth2(Tokens.drLee()).accept("application/pdf").get(BASE + "/Binary/" + documentId).then()
                .statusCode(200).contentType("application/pdf");
    }

    @Test
    void errorsAreOperationOutcomesWithTheRightStatus() {
        given().accept("application/fhir+json").get(BASE + "/Observation?patient=" + ALICE).then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("resourceType", equalTo("OperationOutcome")).body("issue[0].code", equalTo("login"));
        given().auth().oauth2("not.a.token").get(BASE + "/Patient/" + ALICE).then().statusCode(401)
                .body("resourceType", equalTo("OperationOutcome"));
        lee().get(BASE + "/Observation").then().statusCode(400).contentType(startsWith("application/fhir+json"))
                .body("issue[0].code", equalTo("required")).body("issue[0].expression", hasItem("patient"));
        lee().queryParam("patient", ALICE).queryParam("date", "yesterday").get(BASE + "/Observation").then().statusCode(400)
                .body("issue[0].expression", hasItem("date"));
        lee().queryParam("patient", ALICE).queryParam("date", "ap2024").get(BASE + "/Observation").then().statusCode(400);
        lee().queryParam("patient", ALICE).queryParam("_count", "many").get(BASE + "/Observation").then().statusCode(400)
                .body("issue[0].expression", hasItem("_count"));
        lee().queryParam("patient", ALICE).queryParam("code:text", "pulse").get(BASE + "/Observation").then().statusCode(400);
        lee().queryParam("patient", ALICE).queryParam("_cursor", "garbage").get(BASE + "/Observation").then().statusCode(400);
        lee().queryParam("patient", "Practitioner/" + DemoAccounts.DR_LEE).get(BASE + "/Observation").then().statusCode(400);
        lee().get(BASE + "/Spaceship/1").then().statusCode(404).body("resourceType", equalTo("OperationOutcome"));
        lee().get(BASE + "/Spaceship?patient=" + ALICE).then().statusCode(404).body("issue[0].code", equalTo("not-supported"));
        lee().get(BASE + "/Observation/" + java.util.UUID.randomUUID()).then().statusCode(404).body("issue[0].code", equalTo("not-found"));
        lee().get(BASE + "/Observation/not-a-uuid").then().statusCode(404);
        String condition = lee().queryParam("patient", ALICE).get(BASE + "/Condition").then().extract().path("entry[0].resource.id");
        lee().get(BASE + "/Observation/" + condition).then().statusCode(404);
        lee().get(BASE + "/Condition/" + condition).then().statusCode(200);
    }

    @Test
    void fhirPathsStayOutOfTheOpenApiDocument() {
        given().get("/q/openapi?format=json").then().statusCode(200).body("paths.keySet()", everyItem(not(startsWith("/fhir"))));
    }
}
