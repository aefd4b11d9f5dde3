package org.carechart.identity;

import org.carechart.embedded.DemoAccounts;
import org.carechart.support.Tokens;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Test accounts, registered through the admin API like any other. */
final class Accounts {

    private Accounts() {
    }

    static String adminToken() {
        return Tokens.admin(DemoAccounts.ADMIN);
    }

    static UUID create(String username, String password, String role, UUID organization) {
        Map<String, Object> body = new HashMap<>();
        body.put("username", username);
        body.put("password", password);
        body.put("displayName", "Test " + username);
        body.put("roles", List.of(role));
        if (organization != null) {
            body.put("organizationId", organization.toString());
        }
        String id = given().auth().oauth2(adminToken()).contentType("application/json").body(body)
                .when().post("/api/v1/accounts")
                .then().statusCode(201)
                .extract().jsonPath().getString("id");
        return UUID.fromString(id);
    }
}
