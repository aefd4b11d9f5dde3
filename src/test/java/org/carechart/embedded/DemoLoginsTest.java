package org.carechart.embedded;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.carechart.support.Db;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * README's "Demo logins" table, one test per row: each login signs in with the README's password
 * and what the row says about it is what it reads. Only the demo data set's patients (MRN-...)
 * count, so other tests' fixtures never change the answer.
 */
@QuarkusTest
class DemoLoginsTest {

    private static final String ALICE = DemoAccounts.ALICE_PATIENT.toString();
    private static final String BEN = DemoAccounts.BEN_PATIENT.toString();

    @Inject
    DemoConfig demo;

    @Test
    void aliceIsAliceMorgan42APatientOfRiverside() {
        String alice = signIn("alice");
        given().auth().oauth2(alice).when().get("/api/v1/me").then().statusCode(200)
                .body("name", equalTo("Alice Morgan"))
                .body("roles", contains("patient"))
                .body("patientId", equalTo(ALICE));
        var patient = given().auth().oauth2(alice).when().get("/api/v1/patients/{p}", ALICE).then().statusCode(200)
                .body("organizationId", equalTo(DemoAccounts.RIVERSIDE.toString()))
                .extract().response();
        assertEquals(42, ageAtDemoDate(patient.path("birthDate")));
        assertEquals(List.of(List.of("Riverside Community Health")),
                Db.rows("select name from organization where id = ?", DemoAccounts.RIVERSIDE));
    }

    @Test
    void carolIsBensParentAndDoesNotSeeHisSensitiveEntry() {
        String carol = signIn("carol");
        given().auth().oauth2(carol).when().get("/api/v1/me").then().statusCode(200)
                .body("name", equalTo("Carol Carter"))
                .body("actingFor.find { it.patientId == '" + BEN + "' }.name", equalTo("Ben Carter"))
                .body("actingFor.find { it.patientId == '" + BEN + "' }.relationship", equalTo("parent"));
        var ben = given().auth().oauth2(carol).when().get("/api/v1/patients/{p}/chart", BEN).then().statusCode(200)
                .body("patient.givenName", equalTo("Ben")).extract().response();
        assertEquals(15, ageAtDemoDate(ben.path("patient.birthDate")));

        String anxiety = DemoAccounts.BEN_ANXIETY_ENTRY.toString();
        given().auth().oauth2(signIn("dr.patel")).when().get("/api/v1/patients/{p}/chart/entries/{e}", BEN, anxiety)
                .then().statusCode(200)
                .body("sensitive", equalTo(true))
                .body("code.display", equalTo("Anxiety disorder"));
        given().auth().oauth2(carol).when().get("/api/v1/patients/{p}/chart/entries/{e}", BEN, anxiety).then().statusCode(404);
        given().auth().oauth2(carol).queryParam("category", "condition").queryParam("limit", 100)
                .when().get("/api/v1/patients/{p}/chart/entries", BEN).then().statusCode(200)
                .body("items.id", not(hasItem(anxiety)))
                .body("items.sensitive", everyItem(equalTo(false)));
    }

    @Test
    void drLeeIsOnTheCareTeamOfAliceBenAndHalfOfRiverside() {
        String lee = signIn("dr.lee");
        given().auth().oauth2(lee).when().get("/api/v1/me").then().statusCode(200)
                .body("name", equalTo("Dr. Hannah Lee"))
                .body("organizationId", equalTo(DemoAccounts.RIVERSIDE.toString()));
        Set<String> lees = demoPatients(lee);
        assertTrue(lees.containsAll(List.of(ALICE, BEN)), lees.toString());
        given().auth().oauth2(lee).when().get("/api/v1/patients/{p}/chart", ALICE).then().statusCode(200);
        given().auth().oauth2(lee).when().get("/api/v1/patients/{p}/chart", BEN).then().statusCode(200);
        given().auth().oauth2(lee).when().get("/api/v1/patients/{p}/care-team", BEN).then().statusCode(200)
                .body("items.providerName", hasItems("Dr. Hannah Lee", "Dr. Arjun Patel"));
        Set<String> others = new HashSet<>(lees);
        others.remove(BEN);
        assertEquals(riversideDemoPatients() / 2, others.size(), "half of Riverside's patients, and Ben");
    }

    @Test
    void drPatelIsOnTheCareTeamOfTheOtherHalf() {
        Set<String> patels = demoPatients(signIn("dr.patel"));
        Set<String> lees = demoPatients(signIn("dr.lee"));
        Set<String> riverside = demoPatients(signIn("sam.records"));
        Set<String> both = new HashSet<>(patels);
        both.retainAll(lees);
        assertEquals(Set.of(BEN), both, "only Ben has both");
        Set<String> either = new HashSet<>(patels);
        either.addAll(lees);
        assertEquals(riverside, either, "between them, every Riverside patient");
        assertFalse(patels.contains(ALICE));
    }

    @Test
    void drShawOfLakeviewIsOnNoCareTeamAndCanBreakTheGlass() {
        String shaw = signIn("dr.shaw");
        given().auth().oauth2(shaw).when().get("/api/v1/me").then().statusCode(200)
                .body("name", equalTo("Dr. Miriam Shaw"))
                .body("organizationId", equalTo(DemoAccounts.LAKEVIEW.toString()));
        assertEquals(Set.of(), demoPatients(shaw), "on no care team");
        given().auth().oauth2(shaw).when().get("/api/v1/patients/{p}/chart", ALICE).then().statusCode(404);

        // The last patient of the data set (Riverside, Dr. Patel's), so no other test's reader is affected.
        String patient = patientWithMrn(signIn("sam.records"), String.format("MRN-%07d", 1000 + demo.patients() - 1));
        given().auth().oauth2(shaw).contentType(ContentType.JSON)
                .body(Map.of("reason", "Collapsed in the Lakeview waiting room, no records here"))
                .when().post("/api/v1/patients/{p}/break-glass", patient)
                .then().statusCode(201).body("patientId", equalTo(patient));
        given().auth().oauth2(shaw).when().get("/api/v1/patients/{p}/chart", patient).then().statusCode(200);
        given().auth().oauth2(signIn("sam.records")).when().get("/api/v1/break-glass").then().statusCode(200)
                .body("items.find { it.patientId == '" + patient + "' }.providerName", equalTo("Dr. Miriam Shaw"));
    }

    @Test
    void samRecordsIsHealthInformationStaffOfRiversideAndSeesAllOfIt() {
        String sam = signIn("sam.records");
        given().auth().oauth2(sam).when().get("/api/v1/me").then().statusCode(200)
                .body("name", equalTo("Sam Rivera (Health Information)"))
                .body("roles", contains("staff"))
                .body("organizationId", equalTo(DemoAccounts.RIVERSIDE.toString()));
        Set<String> listed = demoPatients(sam);
        assertEquals(riversideDemoPatients(), listed.size());
        assertTrue(listed.containsAll(List.of(ALICE, BEN)));
        given().auth().oauth2(sam).when().get("/api/v1/patients/{p}/chart", ALICE).then().statusCode(200);
        given().auth().oauth2(sam).when().get("/api/v1/patients/{p}/chart", lakeviewDemoPatient()).then().statusCode(404);
    }

    @Test
    void lenaRecordsIsHealthInformationStaffOfLakeviewAndSeesOnlyIt() {
        String lena = signIn("lena.records");
        given().auth().oauth2(lena).when().get("/api/v1/me").then().statusCode(200)
                .body("name", equalTo("Lena Fischer (Health Information)"))
                .body("roles", contains("staff"))
                .body("organizationId", equalTo(DemoAccounts.LAKEVIEW.toString()));
        Set<String> listed = demoPatients(lena);
        assertEquals(demo.patients() - riversideDemoPatients(), listed.size());
        assertTrue(listed.contains(lakeviewDemoPatient()));
        given().auth().oauth2(lena).when().get("/api/v1/patients/{p}/chart", lakeviewDemoPatient()).then().statusCode(200);
        given().auth().oauth2(lena).when().get("/api/v1/patients/{p}/chart", ALICE).then().statusCode(404);
    }

    @Test
    void adminManagesAccountsNotCharts() {
        String admin = signIn("admin");
        given().auth().oauth2(admin).when().get("/api/v1/me").then().statusCode(200).body("roles", contains("admin"));
        given().auth().oauth2(admin).queryParam("limit", 100).when().get("/api/v1/accounts").then().statusCode(200)
                .body("items.username", hasItems("alice", "carol", "dr.lee", "dr.patel", "dr.shaw", "sam.records",
                        "lena.records", "admin", "app:acme-payer-app"));
        given().auth().oauth2(admin).when().get("/api/v1/patients/{p}/chart", ALICE).then().statusCode(oneOf(403, 404));
        given().auth().oauth2(admin).when().get("/api/v1/patients").then().statusCode(403);
    }

    /**
     * About the grant, not about how the app signs in (that may change with app registration): Alice
     * sees it, and the app, with a token of its own, reads exactly those categories.
     */
    @Test
    void aliceGrantedAcmesAppHerConditionsMedicationsAndAllergiesForPayment() {
        given().auth().oauth2(signIn("alice")).when().get("/api/v1/patients/{p}/grants", ALICE).then().statusCode(200)
                .body("items.find { it.granteeId == '" + DemoAccounts.PAYER_APP + "' }.granteeType", equalTo("app"))
                .body("items.find { it.granteeId == '" + DemoAccounts.PAYER_APP + "' }.categories",
                        containsInAnyOrder("condition", "medication", "allergy"))
                .body("items.find { it.granteeId == '" + DemoAccounts.PAYER_APP + "' }.purpose", equalTo("payment"))
                .body("items.find { it.granteeId == '" + DemoAccounts.PAYER_APP + "' }.status", equalTo("active"));
        String app = org.carechart.support.Tokens.payerApp();
        given().auth().oauth2(app).queryParam("category", "medication").when().get("/api/v1/patients/{p}/chart/entries", ALICE)
                .then().statusCode(200).body("items.category", everyItem(equalTo("medication")))
                .body("items.size()", org.hamcrest.Matchers.greaterThan(0));
        given().auth().oauth2(app).when().get("/api/v1/patients/{p}/chart", ALICE).then().statusCode(200)
                .body("counts.observation", equalTo(null))
                .body("counts.note", equalTo(null));
    }

    private static String signIn(String username) {
        return given().contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "password")
                .formParam("username", username)
                .formParam("password", DemoAccounts.PASSWORD)
                .when().post("/api/v1/auth/token")
                .then().statusCode(200).extract().path("access_token");
    }

    /** Every patient of the demo data set the caller's patient list shows, all pages. */
    private static Set<String> demoPatients(String token) {
        Set<String> ids = new HashSet<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(token).queryParam("limit", 100);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.when().get("/api/v1/patients").then().statusCode(200).extract().response();
            List<Map<String, Object>> items = page.path("items");
            items.stream().filter(p -> String.valueOf(p.get("mrn")).startsWith("MRN-")).forEach(p -> ids.add((String) p.get("id")));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        return ids;
    }

    private static String patientWithMrn(String token, String mrn) {
        List<String> found = new ArrayList<>(given().auth().oauth2(token).queryParam("q", mrn).when().get("/api/v1/patients")
                .then().statusCode(200).extract().<List<String>>path("items.findAll { it.mrn == '" + mrn + "' }.id"));
        assertEquals(1, found.size(), mrn);
        return found.get(0);
    }

    private String lakeviewDemoPatient() {
        return patientWithMrn(signIn("lena.records"), "MRN-0001004");
    }

    /** The generator puts every fifth patient at Lakeview and the rest at Riverside. */
    private int riversideDemoPatients() {
        return (int) IntStream.range(0, demo.patients()).filter(i -> i % 5 != 4).count();
    }

    private int ageAtDemoDate(String birthDate) {
        return Period.between(LocalDate.parse(birthDate), LocalDate.ofInstant(demo.anchor(), ZoneOffset.UTC)).getYears();
    }
}
