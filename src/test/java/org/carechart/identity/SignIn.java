package org.carechart.identity;

import io.restassured.response.Response;

import static io.restassured.RestAssured.given;

/** Calls the token endpoint the way a client would. */
final class SignIn {

    private SignIn() {
    }

    static Response password(String username, String password) {
        return given().contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "password")
                .formParam("username", username)
                .formParam("password", password)
                .when().post("/api/v1/auth/token");
    }

    static Response refresh(String refreshToken) {
        return given().contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "refresh_token")
                .formParam("refresh_token", refreshToken)
                .when().post("/api/v1/auth/token");
    }

    static Response revoke(String refreshToken) {
        return given().contentType("application/x-www-form-urlencoded")
                .formParam("token", refreshToken)
                .when().post("/api/v1/auth/revoke");
    }
}
