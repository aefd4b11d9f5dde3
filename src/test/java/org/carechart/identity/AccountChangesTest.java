package org.carechart.identity;

import io.quarkus.test.junit.QuarkusTest;
import org.carechart.support.Db;
import org.carechart.support.Fixtures;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 11, finding 3: an admin can no longer become any patient. Linking an account to a patient is a
 * records-staff act for that patient's organization; role combinations are validated; every account
 * change is audited.
 */
@QuarkusTest
class AccountChangesTest {

    private static final String PASSWORD = "a long enough passphrase 42";

    @Test
    void finding3_anAdminCannotLinkAnAccountToAPatientOrMixRoles() {
        UUID org = Fixtures.organization();
        UUID patient = Fixtures.patient(org);
        String admin = Accounts.adminToken();
        String username = "admin-made-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(admin).contentType("application/json")
                .body(Map.of("username", username, "password", PASSWORD, "displayName", "Me", "roles", List.of("patient"),
                        "patientId", patient.toString()))
                .post("/api/v1/accounts").then().statusCode(400).body("errors[0].field", equalTo("patientId"));
        for (List<String> roles : List.of(List.of("admin", "patient"), List.of("patient", "staff"), List.of("app", "provider"),
                List.of("admin", "staff"))) {
            given().auth().oauth2(admin).contentType("application/json")
                    .body(Map.of("username", username, "password", PASSWORD, "displayName", "Me", "roles", roles,
                            "organizationId", org.toString()))
                    .post("/api/v1/accounts").then().statusCode(400).body("errors[0].field", equalTo("roles"));
        }
        assertEquals(0, Db.count("select count(*) from account where username = ?", username));
        // The admin's own account cannot be turned into a chart reader either.
        UUID account = Accounts.create(username, PASSWORD, "patient", null);
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("roles", List.of("patient", "staff")))
                .put("/api/v1/accounts/" + account + "/roles").then().statusCode(400).body("errors[0].field", equalTo("roles"));
        // Nor link it: linking is not an administrator's act.
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("accountId", account.toString()))
                .post("/api/v1/patients/" + patient + "/account-link").then().statusCode(404);
        assertEquals(0, Db.count("select count(*) from account where id = ? and patient_id is not null", account));
    }

    @Test
    void finding3_recordsStaffOfThePatientsOrganizationLinkAnAccountAndEveryChangeIsAudited() {
        UUID org = Fixtures.organization();
        UUID patient = Fixtures.patient(org);
        String username = "linked-" + UUID.randomUUID().toString().substring(0, 8);
        UUID account = Accounts.create(username, PASSWORD, "patient", null);
        String admin = Accounts.adminToken();

        // Staff of another organization: the patient does not exist for them.
        UUID otherOrg = Fixtures.organization();
        given().auth().oauth2(Tokens.staff(Fixtures.account("staff", otherOrg, null), otherOrg)).contentType("application/json")
                .body(Map.of("accountId", account.toString()))
                .post("/api/v1/patients/" + patient + "/account-link").then().statusCode(404);
        // A provider on the care team may read the chart but not link accounts.
        UUID provider = Fixtures.account("provider", org, null);
        Fixtures.careTeam(patient, provider);
        given().auth().oauth2(Tokens.provider(provider, org)).contentType("application/json")
                .body(Map.of("accountId", account.toString()))
                .post("/api/v1/patients/" + patient + "/account-link").then().statusCode(403);

        UUID staff = Fixtures.account("staff", org, null);
        String staffToken = Tokens.staff(staff, org);
        // Only a personal account can be linked.
        given().auth().oauth2(staffToken).contentType("application/json").body(Map.of("accountId", provider.toString()))
                .post("/api/v1/patients/" + patient + "/account-link").then().statusCode(400)
                .body("errors[0].field", equalTo("accountId"));
        given().auth().oauth2(staffToken).contentType("application/json").body(Map.of("accountId", account.toString()))
                .post("/api/v1/patients/" + patient + "/account-link").then().statusCode(200)
                .body("patientId", equalTo(patient.toString()));
        given().auth().oauth2(staffToken).contentType("application/json").body(Map.of("accountId", account.toString()))
                .post("/api/v1/patients/" + patient + "/account-link").then().statusCode(409);

        // The next sign-in names the patient, and the account reads its chart as self.
        String token = SignIn.password(username, PASSWORD).then().statusCode(200).extract().path("access_token");
        given().auth().oauth2(token).get("/api/v1/patients/" + patient).then().statusCode(200);

        given().auth().oauth2(admin).post("/api/v1/accounts/" + account + "/unlock").then().statusCode(200);
        given().auth().oauth2(admin).post("/api/v1/accounts/" + account + "/disable").then().statusCode(200)
                .body("disabled", equalTo(true));
        given().auth().oauth2(admin).post("/api/v1/accounts/" + account + "/enable").then().statusCode(200)
                .body("disabled", equalTo(false));
        UUID clerk = Accounts.create("clerk-" + UUID.randomUUID().toString().substring(0, 8), PASSWORD, "staff", org);
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("roles", List.of("staff", "provider")))
                .put("/api/v1/accounts/" + clerk + "/roles").then().statusCode(200);

        List<List<String>> changes = Db.rows("select query, action, coalesce(basis, ''), coalesce(patient_id::text, '') from audit_event"
                + " where resource_type = 'account' and resource_id = ? and outcome = 'success' order by occurred_at, id",
                account.toString());
        assertEquals(List.of(
                List.of("change=create", "create", "", ""),
                List.of("change=link-patient", "update", "staff", patient.toString()),
                List.of("change=unlock", "update", "", ""),
                List.of("change=disable", "update", "", ""),
                List.of("change=enable", "update", "", "")), changes.stream()
                .filter(row -> row.get(0) != null && row.get(0).startsWith("change=")).toList());
        assertEquals(1, Db.count("select count(*) from audit_event where resource_type = 'account' and resource_id = ?"
                + " and query = 'change=roles'", clerk.toString()));
    }
}
