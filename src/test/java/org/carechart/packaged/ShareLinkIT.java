package org.carechart.packaged;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import org.carechart.embedded.DemoAccounts;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.empty;

/**
 * A share link on the packaged artifact: Alice shares her allergies behind a passcode (bcrypt, at
 * run time), the recipient opens it without an account and sees only that (SharedChartView, reached
 * through Response), and a wrong passcode is a 401 problem.
 */
@QuarkusIntegrationTest
class ShareLinkIT {

    @Test
    void aPasscodeLinkShowsOnlyWhatWasSharedToWhoeverHasBoth() {
        String alice = DemoSignIn.accessToken("alice");
        String path = given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Map.of("label", "for the allergist", "categories", List.of("allergy", "medication"),
                        "expiresAt", Instant.now().plus(2, ChronoUnit.DAYS).toString(), "passcode", "blue-heron-42"))
                .when().post("/api/v1/patients/{p}/share-links", DemoAccounts.ALICE_PATIENT)
                .then().statusCode(201)
                .body("link.passcodeRequired", equalTo(true))
                .extract().path("path");

        given().header("X-Passcode", "wrong-passcode").when().get(path)
                .then().statusCode(401).contentType("application/problem+json");
        given().header("X-Passcode", "blue-heron-42").when().get(path)
                .then().statusCode(200)
                .body("givenName", equalTo("Alice"))
                .body("familyName", equalTo("Morgan"))
                .body("categories", contains("allergy", "medication"))
                .body("entries", is(not(empty())))
                .body("entries.category", everyItem(org.hamcrest.Matchers.oneOf("allergy", "medication")));
        given().when().get("/api/v1/shared/not-a-real-token-not-a-real-token-00000000")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
