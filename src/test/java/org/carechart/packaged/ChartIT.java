package org.carechart.packaged;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import org.carechart.embedded.DemoAccounts;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Reading and writing a chart on the packaged artifact. The summary and documents are returned
 * through {@code Response} (ChartSummaryView, DemographicsView, DocumentView): in a native binary
 * they serialize only because they are registered for reflection, which these calls prove there.
 */
@QuarkusIntegrationTest
class ChartIT {

    private static final String ALICE = DemoAccounts.ALICE_PATIENT.toString();

    @Test
    void alicesCareTeamDoctorReadsHerSummaryWithDemographicsAndCounts() {
        given().auth().oauth2(DemoSignIn.accessToken("dr.lee")).when().get("/api/v1/patients/{p}/chart", ALICE)
                .then().statusCode(200)
                .header("ETag", notNullValue())
                .body("patient.patientId", equalTo(ALICE))
                .body("patient.givenName", equalTo("Alice"))
                .body("patient.familyName", equalTo("Morgan"))
                .body("activeMedications.size()", greaterThan(0))
                .body("counts.observation", greaterThan(0));
    }

    @Test
    void anEntryTheDoctorAddsIsVersionOneAndAliceReadsIt() {
        String doctor = DemoSignIn.accessToken("dr.lee");
        String display = "Seasonal allergic rhinitis " + UUID.randomUUID().toString().substring(0, 6);
        var created = given().auth().oauth2(doctor).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("category", "condition", "status", "active",
                        "code", Map.of("system", "http://snomed.info/sct", "code", "367498001", "display", display),
                        "effectiveAt", Instant.now().minus(2, ChronoUnit.HOURS).toString()))
                .when().post("/api/v1/patients/{p}/chart/entries", ALICE)
                .then().statusCode(201)
                .header("Location", notNullValue())
                .body("version", equalTo(1))
                .body("code.display", equalTo(display))
                .extract().response();
        String id = created.path("id");

        String alice = DemoSignIn.accessToken("alice");
        given().auth().oauth2(alice).when().get("/api/v1/patients/{p}/chart/entries/{e}", ALICE, id)
                .then().statusCode(200)
                .header("ETag", equalTo(created.header("ETag")))
                .body("code.display", equalTo(display));
        given().auth().oauth2(alice).queryParam("category", "condition")
                .when().get("/api/v1/patients/{p}/chart/entries", ALICE)
                .then().statusCode(200).body("items.id", hasItem(id));
    }

    @Test
    void aDocumentTheDoctorUploadsComesBackWithItsDigestAndAliceSeesItListed() {
        String alice = DemoSignIn.accessToken("alice");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R'};
        String entry = given().auth().oauth2(DemoSignIn.accessToken("dr.lee")).contentType("image/png").queryParam("fileName", "rash.png")
                .queryParam("title", "Photo of the rash").body(png)
                .when().post("/api/v1/patients/{p}/chart/documents", ALICE)
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .body("contentType", equalTo("image/png"))
                .body("sizeBytes", equalTo(png.length))
                .body("sha256", matchesPattern("[0-9a-f]{64}"))
                .body("fileName", equalTo("rash.png"))
                .extract().path("entryId");
        given().auth().oauth2(alice).when().get("/api/v1/patients/{p}/chart/documents", ALICE)
                .then().statusCode(200).body("items.id", hasItem(entry));
        given().auth().oauth2(DemoSignIn.accessToken("dr.shaw")).when().get("/api/v1/patients/{p}/chart/documents", ALICE)
                .then().statusCode(404).contentType("application/problem+json");
    }
}
