package org.carechart.patient;

import org.carechart.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.carechart.embedded.DemoAccounts;
import org.carechart.support.Db;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class CareTeamAndProxiesTest {

    @Test
    void staffAddAProviderWhoThenSeesThePatientAndEndingTheLinkKeepsItsHistory() {
        UUID organization = Fixtures.organization();
        UUID patient = Fixtures.patient(organization);
        UUID provider = Fixtures.account("provider", organization, null);
        String staff = Tokens.staff(Fixtures.account("staff", organization, null), organization);
        String providerToken = Tokens.provider(provider, organization);
        given().auth().oauth2(providerToken).when().get("/api/v1/patients/{id}", patient).then().statusCode(404);

        String memberId = given().auth().oauth2(staff).contentType(ContentType.JSON)
                .body(Map.of("providerId", provider.toString(), "role", "cardiologist"))
                .when().post("/api/v1/patients/{id}/care-team", patient)
                .then().statusCode(201)
                .body("providerId", equalTo(provider.toString()))
                .body("role", equalTo("cardiologist"))
                .body("active", equalTo(true))
                .body("endsAt", nullValue())
                .extract().path("id");
        given().auth().oauth2(providerToken).when().get("/api/v1/patients/{id}", patient).then().statusCode(200);
        given().auth().oauth2(staff).contentType(ContentType.JSON)
                .body(Map.of("providerId", provider.toString(), "role", "cardiologist"))
                .when().post("/api/v1/patients/{id}/care-team", patient)
                .then().statusCode(409).contentType("application/problem+json");

        given().auth().oauth2(staff).when().delete("/api/v1/patients/{id}/care-team/{m}", patient, memberId)
                .then().statusCode(204);
        given().auth().oauth2(providerToken).when().get("/api/v1/patients/{id}", patient).then().statusCode(404);
        given().auth().oauth2(staff).when().get("/api/v1/patients/{id}/care-team", patient)
                .then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].id", equalTo(memberId))
                .body("items[0].active", equalTo(false))
                .body("items[0].endsAt", notNullValue());
        assertEquals(1, Db.count("select count(*) from care_team_member where id = ? and ends_at is not null",
                UUID.fromString(memberId)), "ended, not deleted");
        given().auth().oauth2(staff).when().delete("/api/v1/patients/{id}/care-team/{m}", patient, UUID.randomUUID())
                .then().statusCode(404);
        assertEquals(1, Db.count("select count(*) from audit_event where patient_id = ? and action = 'create' "
                + "and resource_type = 'care-team-member' and basis = 'staff'", patient));
        assertEquals(1, Db.count("select count(*) from audit_event where patient_id = ? and action = 'revoke' "
                + "and resource_id = ? and basis = 'staff'", patient, memberId));
    }

    @Test
    void aCareTeamMemberOfAnotherPatientCannotBeEndedThroughThisOne() {
        UUID organization = Fixtures.organization();
        UUID patient = Fixtures.patient(organization);
        UUID otherPatient = Fixtures.patient(organization);
        UUID provider = Fixtures.account("provider", organization, null);
        UUID link = Fixtures.careTeam(otherPatient, provider);
        given().auth().oauth2(Tokens.staff(Fixtures.account("staff", organization, null), organization))
                .when().delete("/api/v1/patients/{id}/care-team/{m}", patient, link)
                .then().statusCode(404);
        assertEquals(1, Db.count("select count(*) from care_team_member where id = ? and ends_at is null", link));
    }

    @Test
    void aPatientAppointsAProxyWhoThenActsForThemAndSeesThemInMe() {
        Fixtures.PatientLogin login = Fixtures.patientLogin(Fixtures.organization());
        UUID proxy = Fixtures.account("patient", null, null);
        String proxyToken = Fixtures.personalToken(proxy);
        given().auth().oauth2(proxyToken).when().get("/api/v1/patients/{id}", login.patient()).then().statusCode(404);
        given().auth().oauth2(proxyToken).when().get("/api/v1/me").then().statusCode(200).body("actingFor.size()", equalTo(0));

        String linkId = given().auth().oauth2(login.token()).contentType(ContentType.JSON)
                .body(Map.of("proxyAccountId", proxy.toString(), "relationship", "caregiver"))
                .when().post("/api/v1/patients/{id}/proxies", login.patient())
                .then().statusCode(201)
                .body("proxyAccountId", equalTo(proxy.toString()))
                .body("relationship", equalTo("caregiver"))
                .body("active", equalTo(true))
                .extract().path("id");
        given().auth().oauth2(proxyToken).when().get("/api/v1/patients/{id}", login.patient()).then().statusCode(200);
        given().auth().oauth2(proxyToken).when().get("/api/v1/me").then().statusCode(200)
                .body("actingFor.size()", equalTo(1))
                .body("actingFor[0].patientId", equalTo(login.patient().toString()))
                .body("actingFor[0].relationship", equalTo("caregiver"))
                .body("actingFor[0].name", notNullValue());
        given().auth().oauth2(login.token()).when().get("/api/v1/patients/{id}/proxies", login.patient())
                .then().statusCode(200).body("items.id", hasItem(linkId));
        assertEquals(1, Db.count("select count(*) from audit_event where patient_id = ? and actor_id = ? "
                + "and basis = 'proxy' and acting_for = ? and resource_type = 'patient'", login.patient(), proxy, login.patient()));

        given().auth().oauth2(login.token()).when().delete("/api/v1/patients/{id}/proxies/{x}", login.patient(), linkId)
                .then().statusCode(204);
        given().auth().oauth2(proxyToken).when().get("/api/v1/patients/{id}", login.patient()).then().statusCode(404);
        given().auth().oauth2(proxyToken).when().get("/api/v1/me").then().statusCode(200).body("actingFor.size()", equalTo(0));
        assertEquals(1, Db.count("select count(*) from proxy_link where id = ? and ends_at is not null", UUID.fromString(linkId)));
    }

    @Test
    void carolSeesThatSheActsForBenAsHisParent() {
        given().auth().oauth2(Tokens.carol()).when().get("/api/v1/me").then().statusCode(200)
                .body("actingFor.patientId", hasItem(DemoAccounts.BEN_PATIENT.toString()))
                .body("actingFor.find { it.patientId == '" + DemoAccounts.BEN_PATIENT + "' }.relationship", equalTo("parent"))
                .body("actingFor.find { it.patientId == '" + DemoAccounts.BEN_PATIENT + "' }.name", equalTo("Ben Carter"));
        given().auth().oauth2(Tokens.alice()).when().get("/api/v1/me").then().statusCode(200)
                .body("actingFor.size()", equalTo(0));
    }

    @Test
    void aProxyCannotBeThePatientsOwnAccountOrAProviderAndCannotBeAddedTwice() {
        Fixtures.PatientLogin login = Fixtures.patientLogin(Fixtures.organization());
        given().auth().oauth2(login.token()).contentType(ContentType.JSON)
                .body(Map.of("proxyAccountId", login.account().toString(), "relationship", "caregiver"))
                .when().post("/api/v1/patients/{id}/proxies", login.patient())
                .then().statusCode(400).body("errors[0].field", equalTo("proxyAccountId"));
        given().auth().oauth2(login.token()).contentType(ContentType.JSON)
                .body(Map.of("proxyAccountId", DemoAccounts.DR_LEE.toString(), "relationship", "caregiver"))
                .when().post("/api/v1/patients/{id}/proxies", login.patient())
                .then().statusCode(400).body("errors[0].field", equalTo("proxyAccountId"));
        UUID proxy = Fixtures.account("patient", null, null);
        given().auth().oauth2(login.token()).contentType(ContentType.JSON)
                .body(Map.of("proxyAccountId", proxy.toString(), "relationship", "guardian"))
                .when().post("/api/v1/patients/{id}/proxies", login.patient()).then().statusCode(201);
        given().auth().oauth2(login.token()).contentType(ContentType.JSON)
                .body(Map.of("proxyAccountId", proxy.toString(), "relationship", "guardian"))
                .when().post("/api/v1/patients/{id}/proxies", login.patient()).then().statusCode(409);
        assertEquals(1, Db.count("select count(*) from proxy_link where patient_id = ?", login.patient()));
    }

    /** Fields a body does not define (role, patientId, organizationId, expiry, another provider) change nothing. */
    @Test
    void massAssignmentOfRolePatientAndOrganizationHasNoEffect() {
        UUID organization = Fixtures.organization();
        UUID otherOrganization = Fixtures.organization();
        UUID patient = Fixtures.patient(organization);
        UUID otherPatient = Fixtures.patient(otherOrganization);
        String staff = Tokens.staff(Fixtures.account("staff", organization, null), organization);

        UUID provider = Fixtures.account("provider", organization, null);
        given().auth().oauth2(staff).contentType(ContentType.JSON)
                .body(Map.of("providerId", provider.toString(), "role", "admin", "patientId", otherPatient.toString(),
                        "organizationId", otherOrganization.toString(), "roles", new String[]{"admin"}))
                .when().post("/api/v1/patients/{id}/care-team", patient).then().statusCode(201);
        assertEquals(1, Db.count("select count(*) from care_team_member where patient_id = ? and provider_id = ?", patient, provider));
        assertEquals(0, Db.count("select count(*) from care_team_member where patient_id = ?", otherPatient));
        assertEquals(1, Db.count("select count(*) from account where id = ? and roles = '{provider}' and organization_id = ?",
                provider, organization), "the provider's account is untouched");

        UUID proxy = Fixtures.account("patient", null, null);
        given().auth().oauth2(staff).contentType(ContentType.JSON)
                .body(Map.of("proxyAccountId", proxy.toString(), "relationship", "parent", "role", "staff",
                        "patientId", otherPatient.toString(), "organizationId", organization.toString()))
                .when().post("/api/v1/patients/{id}/proxies", patient).then().statusCode(201);
        assertEquals(1, Db.count("select count(*) from proxy_link where patient_id = ? and proxy_account_id = ?", patient, proxy));
        assertEquals(0, Db.count("select count(*) from proxy_link where patient_id = ?", otherPatient));
        assertEquals(1, Db.count("select count(*) from account where id = ? and roles = '{patient}' and organization_id is null",
                proxy));
        given().auth().oauth2(Fixtures.personalToken(proxy)).when().get("/api/v1/patients/{id}", otherPatient).then().statusCode(404);

        UUID emergencyProvider = Fixtures.account("provider", otherOrganization, null);
        String sessionExpiry = given().auth().oauth2(Tokens.provider(emergencyProvider, otherOrganization))
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "Emergency, no other way to reach records", "expiresAt", "2099-01-01T00:00:00Z",
                        "providerId", provider.toString(), "patientId", otherPatient.toString(), "role", "staff"))
                .when().post("/api/v1/patients/{id}/break-glass", patient)
                .then().statusCode(201).body("providerId", equalTo(emergencyProvider.toString()))
                .body("patientId", equalTo(patient.toString()))
                .extract().path("expiresAt");
        assertTrue(Instant.parse(sessionExpiry).isBefore(Instant.now().plus(Duration.ofHours(2))));
        assertEquals(0, Db.count("select count(*) from break_glass_session where patient_id = ? or provider_id = ?",
                otherPatient, provider));
        given().auth().oauth2(Tokens.staff(Fixtures.account("staff", organization, null), organization))
                .when().get("/api/v1/patients/{id}", otherPatient).then().statusCode(404);
        given().auth().oauth2(staff).when().get("/api/v1/patients").then().statusCode(200)
                .body("items.id", not(hasItem(otherPatient.toString())));
    }
}
