package org.carechart.oauth;

import io.quarkus.test.junit.QuarkusTest;
import org.carechart.embedded.DemoAccounts;
import org.carechart.support.Db;
import org.carechart.support.Fixtures;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Admins register apps over the API; every registration is audited; bad registrations name their fields. */
@QuarkusTest
class AppRegistrationTest {

    private final UUID org = Fixtures.organization();

    private Map<String, Object> body(String clientId) {
        Map<String, Object> body = new HashMap<>();
        body.put("clientId", clientId);
        body.put("name", "Step Counter");
        body.put("clientType", "public");
        body.put("organizationId", org.toString());
        body.put("redirectUris", List.of("https://steps.example/cb", "http://127.0.0.1:7000/cb"));
        body.put("scopes", List.of("launch/patient", "patient/Observation.rs", "offline_access"));
        return body;
    }

    @Test
    void anAdminRegistersAnAppAndItIsAudited() {
        String clientId = "steps-" + UUID.randomUUID().toString().substring(0, 8);
        SmartApps.register(body(clientId)).then().statusCode(201)
                .header("Location", endsWith("/api/v1/apps/" + clientId))
                .body("clientId", equalTo(clientId)).body("clientType", equalTo("public"))
                .body("accountId", notNullValue()).body("purpose", equalTo("personal-use"))
                .body("redirectUris", containsInAnyOrder("https://steps.example/cb", "http://127.0.0.1:7000/cb"));
        String admin = Tokens.admin(DemoAccounts.ADMIN);
        given().auth().oauth2(admin).get("/api/v1/apps/" + clientId).then().statusCode(200).body("name", equalTo("Step Counter"));
        given().auth().oauth2(admin).get("/api/v1/apps").then().statusCode(200)
                .body("items.clientId", hasItem(clientId)).body("items.clientId", hasItem("acme-payer-app"))
                .body("items.clientId", hasItem("carechart-demo-patient-app")).body("nextCursor", equalTo(null));
        assertEquals(1, Db.rows("select 1 from audit_event where action = 'create' and resource_type = 'oauth-client' "
                + "and resource_id = ? and actor_id = ?", clientId, DemoAccounts.ADMIN).size());
        SmartApps.register(body(clientId)).then().statusCode(409);
    }

    @Test
    void onlyAdminsManageApps() {
        for (String token : List.of(Tokens.alice(), Tokens.drLee(), Tokens.samRecords(), Tokens.payerApp())) {
            given().auth().oauth2(token).get("/api/v1/apps").then().statusCode(403);
        }
        given().get("/api/v1/apps").then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void badRegistrationsNameEveryBadFieldAndWriteNothing() {
        String clientId = "bad-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> bad = body(clientId);
        bad.put("redirectUris", List.of("http://steps.example/cb#frag"));
        bad.put("scopes", List.of("patient/*.rs", "admin/everything"));
        bad.put("clientType", "confidential");
        SmartApps.register(bad).then().statusCode(400).body("type", endsWith("validation"))
                .body("errors.field", hasItem("redirectUris")).body("errors.field", hasItem("scopes"))
                .body("errors.field", hasItem("jwks"));
        Map<String, Object> privateKey = body(clientId);
        privateKey.put("clientType", "confidential");
        privateKey.put("jwks", Map.of("keys", List.of(SmartApps.rsaKey().toJSONObject())));
        SmartApps.register(privateKey).then().statusCode(400).body("errors.field", hasItem("jwks"));
        Map<String, Object> systemPublic = body(clientId);
        systemPublic.put("scopes", List.of("system/*.rs"));
        SmartApps.register(systemPublic).then().statusCode(400).body("errors.field", hasItem("scopes"));
        assertEquals(0, Db.rows("select 1 from oauth_client where client_id = ?", clientId).size());
        assertEquals(0, Db.rows("select 1 from account where username = ?", "app:" + clientId).size());
    }
}
