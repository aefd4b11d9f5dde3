package org.carechart.packaged;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import org.carechart.embedded.DemoAccounts;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** Errors from the packaged artifact are RFC 9457 problem documents (Problem, only reached through Response). */
@QuarkusIntegrationTest
class ProblemsIT {

    @Test
    void withoutATokenTheAnswerIs401ProblemJson() {
        given().when().get("/api/v1/patients/{p}/chart", DemoAccounts.ALICE_PATIENT)
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401))
                .body("type", startsWith("https://carechart.org/problems/"));
    }

    @Test
    void aChartTheCallerMayNotKnowIs404ProblemJson() {
        given().auth().oauth2(DemoSignIn.accessToken("dr.shaw")).when().get("/api/v1/patients/{p}/chart", UUID.randomUUID())
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://carechart.org/problems/not-found"))
                .body("title", equalTo("Not found"));
    }

    /** The Allow header comes from the generated OpenAPI document, a class-path resource the native image must include. */
    @Test
    void aWrongMethodIs405ProblemJsonNamingTheRightOnes() {
        given().auth().oauth2(DemoSignIn.accessToken("sam.records")).contentType(ContentType.JSON).body("{}")
                .when().put("/api/v1/patients/{p}/care-team", DemoAccounts.ALICE_PATIENT)
                .then().statusCode(405)
                .contentType("application/problem+json")
                .header("Allow", org.hamcrest.Matchers.containsString("POST"))
                .body("type", equalTo("https://carechart.org/problems/method-not-allowed"));
    }

    @Test
    void anInvalidEntryNamesTheFieldAndWritesNothing() {
        String doctor = DemoSignIn.accessToken("dr.lee");
        int before = given().auth().oauth2(doctor).queryParam("category", "condition").queryParam("limit", 100)
                .when().get("/api/v1/patients/{p}/chart/entries", DemoAccounts.ALICE_PATIENT)
                .then().statusCode(200).extract().path("items.size()");
        given().auth().oauth2(doctor).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("category", "condition", "status", "active"))
                .when().post("/api/v1/patients/{p}/chart/entries", DemoAccounts.ALICE_PATIENT)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem("code"));
        given().auth().oauth2(doctor).contentType(ContentType.JSON).body("{\"category\": ")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .when().post("/api/v1/patients/{p}/chart/entries", DemoAccounts.ALICE_PATIENT)
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(doctor).queryParam("category", "condition").queryParam("limit", 100)
                .when().get("/api/v1/patients/{p}/chart/entries", DemoAccounts.ALICE_PATIENT)
                .then().statusCode(200).body("items.size()", equalTo(before));
    }
}
