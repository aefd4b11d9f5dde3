package org.carechart.chart;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.carechart.embedded.DemoAccounts;
import org.carechart.support.Db;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ChartReadingTest {

    private static final String ALICE = "/api/v1/patients/" + DemoAccounts.ALICE_PATIENT;
    private static final String BEN = "/api/v1/patients/" + DemoAccounts.BEN_PATIENT;

    @Test
    void aliceSeesHerHomeScreenInOneCall() {
        given().auth().oauth2(Tokens.alice()).when().get(ALICE + "/chart")
                .then().statusCode(200)
                .header("ETag", notNullValue())
                .body("patient.givenName", equalTo("Alice"))
                .body("patient.familyName", equalTo("Morgan"))
                .body("patient.sex", equalTo("female"))
                .body("activeMedications", not(empty()))
                .body("activeMedications.category", everyItem(equalTo("medication")))
                .body("latestVitals.code.code", hasItem("8867-4"))
                .body("latestVitals.code.code", hasItem("39156-5"))
                .body("latestVitals.size()", equalTo(7))
                .body("recentLabResults", not(empty()))
                .body("recentLabResults.abnormal", everyItem(notNullValue()))
                .body("recentLabResults.code.system", everyItem(equalTo("http://loinc.org")))
                .body("counts.observation", greaterThan(20))
                .body("unreadNotifications", greaterThan(-1));
    }

    @Test
    void theSummaryAnswers304WhileNothingChanged() {
        String etag = given().auth().oauth2(Tokens.alice()).when().get(ALICE + "/chart")
                .then().statusCode(200).extract().header("ETag");
        given().auth().oauth2(Tokens.alice()).header("If-None-Match", etag).when().get(ALICE + "/chart")
                .then().statusCode(304);
    }

    @Test
    void everyReadIsAuditedWithItsBasis() {
        long before = Db.count("select count(*) from audit_event where patient_id = ? and actor_id = ? and action = 'read' and basis = 'care-team'",
                DemoAccounts.ALICE_PATIENT, DemoAccounts.DR_LEE);
        given().auth().oauth2(Tokens.drLee()).when().get(ALICE + "/chart").then().statusCode(200);
        assertEquals(before + 1, Db.count("select count(*) from audit_event where patient_id = ? and actor_id = ? and action = 'read' and basis = 'care-team'",
                DemoAccounts.ALICE_PATIENT, DemoAccounts.DR_LEE));
        long searches = Db.count("select count(*) from audit_event where patient_id = ? and actor_id = ? and action = 'search' and query = 'category=condition'",
                DemoAccounts.ALICE_PATIENT, DemoAccounts.DR_LEE);
        given().auth().oauth2(Tokens.drLee()).queryParam("category", "condition").when().get(ALICE + "/chart/entries")
                .then().statusCode(200).body("items.category", everyItem(equalTo("condition")));
        assertEquals(searches + 1, Db.count("select count(*) from audit_event where patient_id = ? and actor_id = ? and action = 'search' and query = 'category=condition'",
                DemoAccounts.ALICE_PATIENT, DemoAccounts.DR_LEE));
    }

    @Test
    void staffAndCareTeamReadButAStrangerGets404() {
        given().auth().oauth2(Tokens.samRecords()).when().get(ALICE + "/chart/entries").then().statusCode(200)
                .body("items", hasSize(20)).body("nextCursor", notNullValue());
        given().auth().oauth2(Tokens.drShaw()).when().get(ALICE + "/chart").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.lenaRecords()).when().get(ALICE + "/chart/entries").then().statusCode(404);
        given().when().get(ALICE + "/chart").then().statusCode(401);
    }

    @Test
    void thePayerAppSeesOnlyWhatAliceGranted() {
        given().auth().oauth2(Tokens.payerApp()).queryParam("limit", 100).when().get(ALICE + "/chart/entries")
                .then().statusCode(200)
                .body("items.category", everyItem(in(List.of("condition", "medication", "allergy"))))
                .body("items", not(empty()));
        given().auth().oauth2(Tokens.payerApp()).queryParam("category", "observation").when().get(ALICE + "/chart/entries")
                .then().statusCode(403);
        given().auth().oauth2(Tokens.payerApp()).when().get(ALICE + "/chart")
                .then().statusCode(200)
                .body("latestVitals", empty())
                .body("recentLabResults", empty())
                .body("counts.observation", nullValue())
                .body("activeMedications", not(empty()));
        String observation = given().auth().oauth2(Tokens.alice()).queryParam("category", "observation").queryParam("limit", 1)
                .when().get(ALICE + "/chart/entries").then().statusCode(200).extract().path("items[0].id");
        given().auth().oauth2(Tokens.payerApp()).when().get(ALICE + "/chart/entries/" + observation).then().statusCode(404);
        given().auth().oauth2(Tokens.payerApp()).when().get(BEN + "/chart").then().statusCode(404);
    }

    @Test
    void carolReadsBensChart() {
        given().auth().oauth2(Tokens.carol()).when().get(BEN + "/chart")
                .then().statusCode(200)
                .body("patient.givenName", equalTo("Ben"))
                .body("counts.encounter", greaterThan(0));
        given().auth().oauth2(Tokens.carol()).queryParam("limit", 100).when().get(BEN + "/chart/entries")
                .then().statusCode(200).body("items.sensitive", everyItem(is(false)));
        given().auth().oauth2(Tokens.carol()).when().get(ALICE + "/chart").then().statusCode(404);
    }

    @Test
    void aParentOfATeenDoesNotSeeSensitiveEntriesButTheTeenDoes() {
        ChartFixtures teen = ChartFixtures.teen();
        Instant now = Instant.now();
        var hidden = teen.condition("Depressive disorder", true, now.minus(2, ChronoUnit.DAYS));
        var shown = teen.condition("Asthma", false, now.minus(3, ChronoUnit.DAYS));
        String base = "/api/v1/patients/" + teen.patient;

        given().auth().oauth2(teen.parentToken()).when().get(base + "/chart/entries").then().statusCode(200)
                .body("items.id", equalTo(List.of(shown.toString())));
        given().auth().oauth2(teen.parentToken()).when().get(base + "/chart/entries/" + hidden).then().statusCode(404);
        given().auth().oauth2(teen.parentToken()).when().get(base + "/chart/entries/" + hidden + "/history").then().statusCode(404);
        given().auth().oauth2(teen.parentToken()).when().get(base + "/chart")
                .then().statusCode(200).body("activeProblems.id", equalTo(List.of(shown.toString())))
                .body("counts.condition", equalTo(1));
        given().auth().oauth2(teen.parentToken()).when().get(base + "/chart/changes").then().statusCode(200)
                .body("changes.id", equalTo(List.of(shown.toString())));

        given().auth().oauth2(teen.patientToken()).when().get(base + "/chart/entries").then().statusCode(200)
                .body("items.id", equalTo(List.of(hidden.toString(), shown.toString())));
        given().auth().oauth2(teen.providerToken()).when().get(base + "/chart/entries/" + hidden).then().statusCode(200)
                .body("sensitive", is(true));
    }

    @Test
    void anEntryHasAnETagAndAnswers304() {
        Response first = given().auth().oauth2(Tokens.alice()).queryParam("category", "medication").queryParam("limit", 1)
                .when().get(ALICE + "/chart/entries");
        String id = first.then().statusCode(200).extract().path("items[0].id");
        String etag = given().auth().oauth2(Tokens.alice()).when().get(ALICE + "/chart/entries/" + id)
                .then().statusCode(200).body("id", equalTo(id)).body("code.system", equalTo("http://www.nlm.nih.gov/research/umls/rxnorm"))
                .extract().header("ETag");
        assertNotNull(etag);
        given().auth().oauth2(Tokens.alice()).header("If-None-Match", etag).when().get(ALICE + "/chart/entries/" + id)
                .then().statusCode(304);
        given().auth().oauth2(Tokens.alice()).header("If-None-Match", "\"something-else\"").when().get(ALICE + "/chart/entries/" + id)
                .then().statusCode(200);
    }

    @Test
    void historyShowsTheSeededDoseChangeWithWhoWhenAndWhy() {
        String id = given().auth().oauth2(Tokens.alice()).queryParam("category", "medication").queryParam("limit", 100)
                .when().get(ALICE + "/chart/entries").then().statusCode(200)
                .extract().path("items.find { it.version == 2 }.id");
        given().auth().oauth2(Tokens.alice()).when().get(ALICE + "/chart/entries/" + id + "/history")
                .then().statusCode(200)
                .body("versions", hasSize(2))
                .body("versions[0].version", equalTo(1))
                .body("versions[0].entry.body", equalTo("Take one tablet by mouth daily"))
                .body("versions[1].reason", equalTo("Dose increased after review of recent results"))
                .body("versions[1].authorName", notNullValue())
                .body("versions[1].writtenAt", notNullValue());
    }

    @Test
    void cursorPagingWalksTheWholeChartWithoutDuplicatesOrGaps() {
        long total = Db.count("select count(*) from chart_entry where patient_id = ? and status <> 'entered-in-error'",
                DemoAccounts.ALICE_PATIENT);
        List<String> seen = new ArrayList<>();
        List<String> times = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(Tokens.alice()).queryParam("limit", 7);
            if (cursor != null) request.queryParam("cursor", cursor);
            var page = request.when().get(ALICE + "/chart/entries").then().statusCode(200).extract();
            seen.addAll(page.path("items.id"));
            times.addAll(page.path("items.effectiveAt"));
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null && pages < 200);
        assertEquals(total, seen.size());
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no duplicates");
        List<Instant> instants = times.stream().map(Instant::parse).toList();
        for (int i = 1; i < instants.size(); i++) {
            assertFalse(instants.get(i).isAfter(instants.get(i - 1)), "newest first");
        }
    }

    @Test
    void badFiltersAreProblemsNamingTheField() {
        given().auth().oauth2(Tokens.alice()).queryParam("limit", 101).when().get(ALICE + "/chart/entries")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(Tokens.alice()).queryParam("cursor", "garbage!").when().get(ALICE + "/chart/entries")
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        given().auth().oauth2(Tokens.alice()).queryParam("category", "gossip").when().get(ALICE + "/chart/entries")
                .then().statusCode(400).body("errors[0].field", equalTo("category"));
        given().auth().oauth2(Tokens.alice()).queryParam("from", "yesterday").when().get(ALICE + "/chart/entries")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
    }

    @Test
    void filtersByCodeAndDateRange() {
        var all = given().auth().oauth2(Tokens.alice()).queryParam("code", "http://loinc.org|8867-4").queryParam("limit", 100)
                .when().get(ALICE + "/chart/entries").then().statusCode(200)
                .body("items.code.code", everyItem(equalTo("8867-4"))).extract();
        List<String> times = all.path("items.effectiveAt");
        assertTrue(times.size() >= 2);
        String newest = times.get(0);
        given().auth().oauth2(Tokens.alice()).queryParam("code", "8867-4").queryParam("from", newest)
                .when().get(ALICE + "/chart/entries").then().statusCode(200).body("items.effectiveAt", equalTo(List.of(newest)));
        given().auth().oauth2(Tokens.alice()).queryParam("code", "8867-4").queryParam("to", newest).queryParam("limit", 100)
                .when().get(ALICE + "/chart/entries").then().statusCode(200).body("items", hasSize(times.size() - 1));
    }

    @Test
    void thePageHasAnETag() {
        String etag = given().auth().oauth2(Tokens.alice()).when().get(ALICE + "/chart/entries")
                .then().statusCode(200).extract().header("ETag");
        given().auth().oauth2(Tokens.alice()).header("If-None-Match", etag).when().get(ALICE + "/chart/entries")
                .then().statusCode(304);
    }

}
