package org.carechart.amendment;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.carechart.chart.ChartFixtures;
import org.carechart.support.Db;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class AmendmentTest {

    private static String requestAmendment(ChartFixtures f, String token, UUID entry) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("entryId", entry.toString(), "reason", "I was never diagnosed with this; it was my brother."))
                .when().post("/api/v1/patients/" + f.patient + "/amendments")
                .then().statusCode(201).extract().path("id");
    }

    private static long events(ChartFixtures f, String kind) {
        return Db.count("select count(*) from notification_event where patient_id = ? and kind = ?", f.patient, kind);
    }

    @Test
    void aPatientRequestsAndStaffAcceptWithANewVersionCitingTheRequest() {
        ChartFixtures f = ChartFixtures.adult();
        UUID entry = f.condition("Depressive disorder", false, Instant.now().minus(30, ChronoUnit.DAYS));
        String base = "/api/v1/patients/" + f.patient + "/amendments";
        var created = given().auth().oauth2(f.patientToken()).contentType(ContentType.JSON)
                .body(Map.of("entryId", entry.toString(), "reason", "This diagnosis belongs to someone else."))
                .when().post(base).then().statusCode(201)
                .header("Location", notNullValue())
                .body("status", equalTo("requested")).body("dueAt", notNullValue()).extract();
        Instant requested = Instant.parse(created.path("requestedAt"));
        assertEquals(Duration.ofDays(60), Duration.between(requested, Instant.parse(created.path("dueAt"))));
        String id = created.path("id");

        given().auth().oauth2(f.providerToken()).contentType(ContentType.JSON)
                .body(Map.of("decision", "deny", "reason", "no")).when().post(base + "/" + id + "/decision")
                .then().statusCode(403);
        given().auth().oauth2(f.staffToken()).contentType(ContentType.JSON)
                .body(Map.of("decision", "accept", "reason", "Confirmed with the treating physician"))
                .when().post(base + "/" + id + "/decision")
                .then().statusCode(400).body("errors.field", hasItem("correction"));

        Map<String, Object> correction = Map.of("category", "condition", "status", "inactive",
                "code", Map.of("system", "http://snomed.info/sct", "code", "35489007", "display", "Depressive disorder"),
                "effectiveAt", Instant.now().minus(30, ChronoUnit.DAYS).toString());
        given().auth().oauth2(f.staffToken()).contentType(ContentType.JSON)
                .body(Map.of("decision", "accept", "reason", "Confirmed with the treating physician", "correction", correction))
                .when().post(base + "/" + id + "/decision")
                .then().statusCode(200).body("status", equalTo("accepted")).body("entryVersion", equalTo(2))
                .body("decisionReason", equalTo("Confirmed with the treating physician"));
        given().auth().oauth2(f.staffToken()).contentType(ContentType.JSON)
                .body(Map.of("decision", "deny", "reason", "changed my mind")).when().post(base + "/" + id + "/decision")
                .then().statusCode(409);

        given().auth().oauth2(f.patientToken()).when().get("/api/v1/patients/" + f.patient + "/chart/entries/" + entry + "/history")
                .then().statusCode(200)
                .body("versions", hasSize(2))
                .body("versions[1].amendmentId", equalTo(id))
                .body("versions[1].entry.status", equalTo("inactive"))
                .body("versions[1].reason", equalTo("Amendment accepted: Confirmed with the treating physician"))
                .body("amendments[0].status", equalTo("accepted"));
        assertEquals(1, events(f, "amendment.decided"));
        assertEquals(1, events(f, "entry.changed"));
        assertEquals(1, Db.count("select count(*) from audit_event where patient_id = ? and action = 'update' and resource_type = 'amendment' and outcome = 'success'", f.patient));
        assertEquals(1, Db.count("select count(*) from audit_event where patient_id = ? and action = 'create' and resource_type = 'amendment' and outcome = 'success'", f.patient));
        given().auth().oauth2(f.patientToken()).when().get(base).then().statusCode(200)
                .body("items.id", equalTo(List.of(id)));
    }

    @Test
    void aDeniedPatientFilesADisagreementThatStaysWithTheEntry() {
        ChartFixtures f = ChartFixtures.adult();
        UUID entry = f.condition("Asthma", false, Instant.now().minus(30, ChronoUnit.DAYS));
        String base = "/api/v1/patients/" + f.patient + "/amendments";
        String id = requestAmendment(f, f.parentToken(), entry);

        given().auth().oauth2(f.patientToken()).contentType(ContentType.JSON).body(Map.of("statement", "too early"))
                .when().post(base + "/" + id + "/disagreement").then().statusCode(409);
        given().auth().oauth2(f.staffToken()).contentType(ContentType.JSON)
                .body(Map.of("decision", "deny", "reason", "The spirometry results confirm the diagnosis."))
                .when().post(base + "/" + id + "/decision")
                .then().statusCode(200).body("status", equalTo("denied"));
        assertEquals(1, events(f, "amendment.decided"));
        assertEquals(0, events(f, "entry.changed"));

        given().auth().oauth2(f.patientToken()).contentType(ContentType.JSON).body(Map.of())
                .when().post(base + "/" + id + "/disagreement").then().statusCode(400).body("errors[0].field", equalTo("statement"));
        given().auth().oauth2(f.patientToken()).contentType(ContentType.JSON)
                .body(Map.of("statement", "I have never had breathing problems; the test was misread."))
                .when().post(base + "/" + id + "/disagreement").then().statusCode(200)
                .body("disagreement", equalTo("I have never had breathing problems; the test was misread."));
        given().auth().oauth2(f.patientToken()).contentType(ContentType.JSON).body(Map.of("statement", "again"))
                .when().post(base + "/" + id + "/disagreement").then().statusCode(409);

        given().auth().oauth2(f.providerToken()).when().get("/api/v1/patients/" + f.patient + "/chart/entries/" + entry + "/history")
                .then().statusCode(200)
                .body("versions", hasSize(1))
                .body("amendments[0].status", equalTo("denied"))
                .body("amendments[0].decisionReason", equalTo("The spirometry results confirm the diagnosis."))
                .body("amendments[0].disagreement", equalTo("I have never had breathing problems; the test was misread."));
    }

    @Test
    void onlyThePatientOrAProxyRequestsAndOnlyForTheirOwnEntries() {
        ChartFixtures f = ChartFixtures.adult();
        ChartFixtures other = ChartFixtures.adult();
        UUID entry = f.condition("Asthma", false, Instant.now().minus(30, ChronoUnit.DAYS));
        UUID foreign = other.condition("Asthma", false, Instant.now().minus(30, ChronoUnit.DAYS));
        String base = "/api/v1/patients/" + f.patient + "/amendments";
        given().auth().oauth2(f.providerToken()).contentType(ContentType.JSON)
                .body(Map.of("entryId", entry.toString(), "reason", "x")).when().post(base).then().statusCode(403);
        given().auth().oauth2(Tokens.alice()).contentType(ContentType.JSON)
                .body(Map.of("entryId", entry.toString(), "reason", "x")).when().post(base).then().statusCode(404);
        given().auth().oauth2(f.patientToken()).contentType(ContentType.JSON)
                .body(Map.of("entryId", foreign.toString(), "reason", "x")).when().post(base).then().statusCode(400)
                .body("errors[0].field", equalTo("entryId"));
        given().auth().oauth2(f.patientToken()).contentType(ContentType.JSON)
                .body(Map.of("entryId", entry.toString())).when().post(base).then().statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        assertEquals(0, Db.count("select count(*) from amendment_request where patient_id = ?", f.patient));
    }

    @Test
    void aParentCannotAmendATeensSensitiveEntry() {
        ChartFixtures teen = ChartFixtures.teen();
        UUID hidden = teen.condition("Anxiety disorder", true, Instant.now().minus(3, ChronoUnit.DAYS));
        given().auth().oauth2(teen.parentToken()).contentType(ContentType.JSON)
                .body(Map.of("entryId", hidden.toString(), "reason", "x"))
                .when().post("/api/v1/patients/" + teen.patient + "/amendments").then().statusCode(400);
    }
}
