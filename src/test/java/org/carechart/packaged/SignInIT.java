package org.carechart.packaged;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.carechart.embedded.DemoAccounts;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * The packaged artifact (quarkus-run.jar, or the native binary with -Dnative) against an external
 * database: a demo login signs in, renews its session and is who it says; a wrong password is an
 * OAuth error. Every IT shares one start of the artifact.
 */
@QuarkusIntegrationTest
class SignInIT {

    @Test
    void aliceSignsInWithThePasswordOfTheReadmeAndIsAlice() {
        var tokens = given().contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "password").formParam("username", "alice")
                .formParam("password", DemoAccounts.PASSWORD)
                .when().post("/api/v1/auth/token")
                .then().statusCode(200)
                .body("token_type", equalTo("Bearer"))
                .body("refresh_token", not(emptyOrNullString()))
                .extract().response();

        given().auth().oauth2(tokens.path("access_token")).when().get("/api/v1/me")
                .then().statusCode(200)
                .body("name", equalTo("Alice Morgan"))
                .body("roles", contains("patient"))
                .body("patientId", equalTo(DemoAccounts.ALICE_PATIENT.toString()));

        String renewed = given().contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "refresh_token").formParam("refresh_token", tokens.<String>path("refresh_token"))
                .when().post("/api/v1/auth/token")
                .then().statusCode(200).extract().path("access_token");
        given().auth().oauth2(renewed).when().get("/api/v1/me").then().statusCode(200)
                .body("name", equalTo("Alice Morgan"));
    }

    @Test
    void aWrongPasswordIsAnOAuthErrorAndSignsNobodyIn() {
        given().contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "password").formParam("username", "dr.patel")
                .formParam("password", "not-the-password")
                .when().post("/api/v1/auth/token")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer realm=\"carechart\", error=\"invalid_grant\""))
                .body("access_token", equalTo(null));
    }
}
