package org.carechart.identity;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.carechart.embedded.DemoAccounts;
import org.carechart.support.Db;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class AccountAdminTest {

    private static final String PASSWORD = "correct horse battery";

    private static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Wrong passwords never lock an account (SignInThrottleTest); a lock set by other means answers like a wrong password. */
    @Test
    void aLockedAccountAnswersLikeAWrongPasswordUntilAnAdminUnlocksIt() {
        String username = fresh("lockme");
        UUID id = Accounts.create(username, PASSWORD, "patient", null);
        Db.update("update account set locked_until = now() + interval '15 minutes' where id = ?", id);

        var locked = SignIn.password(username, PASSWORD).then().statusCode(401)
                .contentType("application/problem+json").extract().jsonPath();
        var wrong = SignIn.password(fresh("nobody"), PASSWORD).then().statusCode(401).extract().jsonPath();
        assertEquals(wrong.getString("type"), locked.getString("type"));
        assertEquals(wrong.getString("detail"), locked.getString("detail"));

        given().auth().oauth2(Tokens.alice()).when().post("/api/v1/accounts/" + id + "/unlock")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Accounts.adminToken()).when().post("/api/v1/accounts/" + id + "/unlock")
                .then().statusCode(200)
                .body("locked", equalTo(false))
                .body("failedLogins", equalTo(0));

        SignIn.password(username, PASSWORD).then().statusCode(200);
    }

    /** Issue 11: "aaaaaaaaaaaa" was accepted; common and breached-style passwords are refused, the field named. */
    @Test
    void commonAndRepetitivePasswordsAreRefusedWithTheFieldNamed() {
        for (String weak : List.of("aaaaaaaaaaaa", "Password2024!", "123456789012", "qwertyuiopas")) {
            String username = fresh("weak");
            given().auth().oauth2(Accounts.adminToken()).contentType("application/json")
                    .body(Map.of("username", username, "password", weak, "displayName", "Weak Password",
                            "roles", List.of("patient")))
                    .when().post("/api/v1/accounts")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("password"));
            assertEquals(0, Db.count("select count(*) from account where username = ?", username), weak);
        }
    }

    @Test
    void anAdminRegistersAnAccountThatCanSignIn() {
        String username = fresh("staff");
        JsonPath created = given().auth().oauth2(Accounts.adminToken()).contentType("application/json")
                .body(Map.of("username", username, "password", PASSWORD, "displayName", "Riley Records",
                        "roles", List.of("staff"), "organizationId", DemoAccounts.LAKEVIEW.toString(),
                        // Fields an admin cannot set: ignored.
                        "id", DemoAccounts.ALICE_ACCOUNT.toString(), "failedLogins", 99, "passwordHash", "x"))
                .when().post("/api/v1/accounts")
                .then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/v1/accounts/"))
                .body("username", equalTo(username))
                .body("roles", equalTo(List.of("staff")))
                .body("failedLogins", equalTo(0))
                .body("passwordHash", equalTo(null))
                .body("password", equalTo(null))
                .extract().jsonPath();
        String id = created.getString("id");
        assertNotEquals(DemoAccounts.ALICE_ACCOUNT.toString(), id);

        given().auth().oauth2(Accounts.adminToken()).when().get("/api/v1/accounts/" + id)
                .then().statusCode(200).body("displayName", equalTo("Riley Records"));

        String access = SignIn.password(username, PASSWORD).then().statusCode(200)
                .extract().jsonPath().getString("access_token");
        given().auth().oauth2(access).when().get("/api/v1/me")
                .then().statusCode(200)
                .body("roles", equalTo(List.of("staff")))
                .body("organizationId", equalTo(DemoAccounts.LAKEVIEW.toString()));
        assertEquals(1, Db.count("select count(*) from account where id = ? and password_hash like '$2_$%' "
                + "and password_hash <> ?", UUID.fromString(id), PASSWORD), "bcrypt, never the password");
    }

    @Test
    void onlyAdminsManageAccounts() {
        String username = fresh("sneaky");
        Map<String, Object> body = Map.of("username", username, "password", PASSWORD, "displayName", "Sneaky",
                "roles", List.of("admin"));
        given().auth().oauth2(Tokens.alice()).contentType("application/json").body(body)
                .when().post("/api/v1/accounts")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Tokens.drLee()).contentType("application/json").body(body)
                .when().post("/api/v1/accounts")
                .then().statusCode(403).contentType("application/problem+json");
        given().contentType("application/json").body(body)
                .when().post("/api/v1/accounts")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(Tokens.samRecords()).when().get("/api/v1/accounts")
                .then().statusCode(403).contentType("application/problem+json");
        assertEquals(0, Db.count("select count(*) from account where username = ?", username));
    }

    @Test
    void invalidAccountsAreRefusedAndNothingIsWritten() {
        String admin = Accounts.adminToken();
        String username = fresh("invalid");
        record Case(Map<String, Object> body, int status, String field) {
        }
        List<Case> cases = List.of(
                new Case(Map.of("username", username, "password", "short", "displayName", "X", "roles", List.of("patient")),
                        400, "password"),
                new Case(Map.of("username", username, "password", "ü".repeat(40), "displayName", "X", "roles", List.of("patient")),
                        400, "password"),
                new Case(Map.of("username", username, "password", PASSWORD, "displayName", "X", "roles", List.of("root")),
                        400, "roles"),
                new Case(Map.of("username", username, "password", PASSWORD, "displayName", "X", "roles", List.of()),
                        400, "roles"),
                new Case(Map.of("username", "Has Spaces", "password", PASSWORD, "displayName", "X", "roles", List.of("patient")),
                        400, "username"),
                new Case(Map.of("username", username, "password", PASSWORD, "displayName", "X", "roles", List.of("provider")),
                        400, "organizationId"),
                new Case(Map.of("username", username, "password", PASSWORD, "displayName", "X", "roles", List.of("provider"),
                        "organizationId", UUID.randomUUID().toString()), 400, "organizationId"),
                new Case(Map.of("username", username, "password", PASSWORD, "displayName", "X", "roles", List.of("patient"),
                        "patientId", UUID.randomUUID().toString()), 400, "patientId"),
                new Case(Map.of("username", "alice", "password", PASSWORD, "displayName", "X", "roles", List.of("patient")),
                        409, null));
        for (Case c : cases) {
            var then = given().auth().oauth2(admin).contentType("application/json").body(c.body())
                    .when().post("/api/v1/accounts")
                    .then().statusCode(c.status()).contentType("application/problem+json");
            if (c.field() != null) {
                then.body("errors.field", hasItem(c.field()));
            }
        }
        given().auth().oauth2(admin).contentType("application/json").body("{\"username\":")
                .when().post("/api/v1/accounts")
                .then().statusCode(400).contentType("application/problem+json");
        assertEquals(0, Db.count("select count(*) from account where username = ?", username));
        given().auth().oauth2(admin).when().post("/api/v1/accounts/" + UUID.randomUUID() + "/unlock")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(admin).when().get("/api/v1/accounts/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void theAccountListIsCursorPaged() {
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            created.add(Accounts.create(fresh("paged"), PASSWORD, "patient", null).toString());
        }
        String admin = Accounts.adminToken();
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(admin).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get("/api/v1/accounts")
                    .then().statusCode(200)
                    .body("items.size()", greaterThan(0))
                    .extract().jsonPath();
            seen.addAll(page.getList("items.id", String.class));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 500);
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no account twice");
        assertTrue(seen.containsAll(created), "every account once");
        assertTrue(seen.contains(DemoAccounts.ADMIN.toString()));

        given().auth().oauth2(admin).queryParam("cursor", "garbage").when().get("/api/v1/accounts")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(admin).queryParam("limit", 500).when().get("/api/v1/accounts")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
