package org.carechart.packaged;

import org.carechart.embedded.DemoAccounts;

import static io.restassured.RestAssured.given;

/** Signs in as a demo login of README.md the way a client does: the password grant of the token endpoint. */
final class DemoSignIn {

    private DemoSignIn() {
    }

    static String accessToken(String username) {
        return given().contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "password")
                .formParam("username", username)
                .formParam("password", DemoAccounts.PASSWORD)
                .when().post("/api/v1/auth/token")
                .then().statusCode(200)
                .extract().path("access_token");
    }
}
