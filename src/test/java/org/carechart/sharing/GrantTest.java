package org.carechart.sharing;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.carechart.access.AccessDecision;
import org.carechart.access.AccessPolicy;
import org.carechart.access.Basis;
import org.carechart.access.DataCategory;
import org.carechart.embedded.DemoAccounts;
import org.carechart.support.Db;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.carechart.sharing.SharingFixtures.decide;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class GrantTest {

    @Inject
    AccessPolicy accessPolicy;

    @Inject
    GrantExpiryAnnouncer announcer;

    @Test
    void aProviderOffTheCareTeamReadsWhatWasGrantedUntilTheGrantIsRevoked() {
        var patient = SharingFixtures.patient();
        var provider = SharingFixtures.provider(DemoAccounts.LAKEVIEW);
        assertFalse(decide(accessPolicy, provider.caller(), patient.patientId(), DataCategory.CONDITION).allowed());

        String grantId = given().auth().oauth2(patient.token()).contentType(ContentType.JSON)
                .body(Map.of("granteeType", "provider", "granteeId", provider.accountId(),
                        "categories", List.of("condition", "medication"), "purpose", "treatment"))
                .when().post("/api/v1/patients/{p}/grants", patient.patientId())
                .then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/v1/patients/" + patient.patientId() + "/grants/"))
                .body("status", equalTo("active"))
                .body("granteeName", equalTo(provider.caller().displayName()))
                .body("categories", contains("condition", "medication"))
                .body("purpose", equalTo("treatment"))
                .extract().path("id");

        AccessDecision granted = decide(accessPolicy, provider.caller(), patient.patientId(), DataCategory.CONDITION);
        assertTrue(granted.allowed());
        assertEquals(Basis.GRANT, granted.basis());
        assertFalse(decide(accessPolicy, provider.caller(), patient.patientId(), DataCategory.NOTE).allowed(),
                "a grant opens only its categories");
        assertEquals(1, Db.count("select count(*) from notification_event where patient_id = ? and kind = 'grant.created' "
                + "and resource_id = ?", patient.patientId(), grantId));
        assertEquals(1, Db.count("select count(*) from audit_event where patient_id = ? and action = 'share' "
                + "and resource_id = ? and purpose = 'treatment'", patient.patientId(), grantId));

        given().auth().oauth2(patient.token())
                .when().get("/api/v1/patients/{p}/grants", patient.patientId())
                .then().statusCode(200)
                .body("items.id", contains(grantId));

        given().auth().oauth2(patient.token())
                .when().delete("/api/v1/patients/{p}/grants/{g}", patient.patientId(), grantId)
                .then().statusCode(204);
        assertFalse(decide(accessPolicy, provider.caller(), patient.patientId(), DataCategory.CONDITION).allowed(),
                "revocation takes effect at once");
        given().auth().oauth2(patient.token())
                .when().get("/api/v1/patients/{p}/grants", patient.patientId())
                .then().statusCode(200)
                .body("items[0].status", equalTo("revoked"))
                .body("items[0].revokedAt", notNullValue());

        given().auth().oauth2(patient.token())
                .when().delete("/api/v1/patients/{p}/grants/{g}", patient.patientId(), grantId)
                .then().statusCode(204);
        assertEquals(1, Db.count("select count(*) from notification_event where patient_id = ? and kind = 'grant.revoked'",
                patient.patientId()), "revoking twice announces once");
        assertEquals(1, Db.count("select count(*) from audit_event where patient_id = ? and action = 'revoke'",
                patient.patientId()));
    }

    @Test
    void anAppSeesOnlyTheGrantedCategoriesAndNothingAfterRevocation() {
        var patient = SharingFixtures.patient();
        var app = SharingFixtures.app(SharingFixtures.organization());
        String grantId = grant(patient, "app", app.accountId(), List.of("allergy"), "payment", null);

        assertTrue(decide(accessPolicy, app.caller(), patient.patientId(), DataCategory.ALLERGY).allowed());
        assertTrue(decide(accessPolicy, app.caller(), patient.patientId(), DataCategory.DEMOGRAPHICS).allowed(),
                "a grant always shows whose data it is");
        assertFalse(decide(accessPolicy, app.caller(), patient.patientId(), DataCategory.MEDICATION).allowed());
        assertFalse(decide(accessPolicy, app.caller(), patient.patientId(), DataCategory.NOTE).allowed());

        given().auth().oauth2(patient.token())
                .when().delete("/api/v1/patients/{p}/grants/{g}", patient.patientId(), grantId)
                .then().statusCode(204);
        assertFalse(decide(accessPolicy, app.caller(), patient.patientId(), DataCategory.ALLERGY).allowed());
    }

    @Test
    void aGrantToAnOrganizationOpensTheChartToItsProviders() {
        var patient = SharingFixtures.patient();
        UUID organization = SharingFixtures.organization();
        var provider = SharingFixtures.provider(organization);
        grant(patient, "organization", organization, List.of("immunization"), "operations", null);

        assertTrue(decide(accessPolicy, provider.caller(), patient.patientId(), DataCategory.IMMUNIZATION).allowed());
        assertFalse(decide(accessPolicy, provider.caller(), patient.patientId(), DataCategory.CONDITION).allowed());
        given().auth().oauth2(patient.token())
                .when().get("/api/v1/patients/{p}/grants", patient.patientId())
                .then().statusCode(200)
                .body("items[0].granteeName", equalTo("Org " + organization.toString().substring(0, 8)));
    }

    @Test
    void anExpiredGrantIsRefusedWithoutAnyoneActingAndAnnouncedOnce() {
        var patient = SharingFixtures.patient();
        var provider = SharingFixtures.provider(DemoAccounts.LAKEVIEW);
        String grantId = grant(patient, "provider", provider.accountId(), List.of("observation"), "research",
                SharingFixtures.inDays(3));
        assertTrue(decide(accessPolicy, provider.caller(), patient.patientId(), DataCategory.OBSERVATION).allowed());

        Db.update("update access_grant set expires_at = now() - interval '1 minute' where id = ?", UUID.fromString(grantId));
        assertFalse(decide(accessPolicy, provider.caller(), patient.patientId(), DataCategory.OBSERVATION).allowed());
        given().auth().oauth2(patient.token())
                .when().get("/api/v1/patients/{p}/grants", patient.patientId())
                .then().statusCode(200)
                .body("items[0].status", equalTo("expired"));

        SharingFixtures.onContext(announcer::announce);
        SharingFixtures.onContext(announcer::announce);
        assertEquals(1, Db.count("select count(*) from notification_event where kind = 'grant.expired' and resource_id = ?",
                grantId), "announced exactly once");
    }

    @Test
    void aProxyMayGrantForTheirChildButStrangersMayNot() {
        var provider = SharingFixtures.provider(DemoAccounts.LAKEVIEW);
        Map<String, Object> body = Map.of("granteeType", "provider", "granteeId", provider.accountId(),
                "categories", List.of("immunization"), "purpose", "treatment");
        String grantId = given().auth().oauth2(Tokens.carol()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/patients/{p}/grants", DemoAccounts.BEN_PATIENT)
                .then().statusCode(201)
                .extract().path("id");
        given().auth().oauth2(Tokens.carol())
                .when().delete("/api/v1/patients/{p}/grants/{g}", DemoAccounts.BEN_PATIENT, grantId)
                .then().statusCode(204);

        given().auth().oauth2(Tokens.drShaw()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/patients/{p}/grants", DemoAccounts.ALICE_PATIENT)
                .then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.drShaw())
                .when().get("/api/v1/patients/{p}/grants", DemoAccounts.ALICE_PATIENT)
                .then().statusCode(404);
        given().auth().oauth2(Tokens.alice())
                .when().delete("/api/v1/patients/{p}/grants/{g}", DemoAccounts.ALICE_PATIENT, UUID.randomUUID())
                .then().statusCode(404);
        assertEquals(0, Db.count("select count(*) from access_grant where grantee_id = ? and revoked_at is null",
                provider.accountId()));
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/patients/{p}/grants", DemoAccounts.ALICE_PATIENT)
                .then().statusCode(401);
    }

    @Test
    void badGrantsAreRefusedWithTheFieldsNamedAndNothingWritten() {
        var patient = SharingFixtures.patient();
        var provider = SharingFixtures.provider(DemoAccounts.LAKEVIEW);
        invalid(patient, Map.of("granteeType", "provider", "granteeId", provider.accountId(), "categories", List.of(),
                "purpose", "treatment"), "categories");
        invalid(patient, Map.of("granteeType", "provider", "granteeId", provider.accountId(),
                "categories", List.of("condition", "horoscope"), "purpose", "treatment"), "categories");
        invalid(patient, Map.of("granteeType", "provider", "granteeId", provider.accountId(),
                "categories", List.of("condition"), "purpose", "treatment",
                "expiresAt", Instant.now().minusSeconds(60).toString()), "expiresAt");
        invalid(patient, Map.of("granteeType", "provider", "granteeId", UUID.randomUUID(),
                "categories", List.of("condition"), "purpose", "treatment"), "granteeId");
        invalid(patient, Map.of("granteeType", "app", "granteeId", provider.accountId(),
                "categories", List.of("condition"), "purpose", "treatment"), "granteeId");
        invalid(patient, Map.of("granteeType", "neighbour", "granteeId", provider.accountId(),
                "categories", List.of("condition"), "purpose", "gossip"), "granteeType", "purpose");
        given().auth().oauth2(patient.token()).contentType(ContentType.JSON).body("{\"granteeType\": ")
                .when().post("/api/v1/patients/{p}/grants", patient.patientId())
                .then().statusCode(400).contentType("application/problem+json");
        assertEquals(0, Db.count("select count(*) from access_grant where patient_id = ?", patient.patientId()));
        assertEquals(0, Db.count("select count(*) from notification_event where patient_id = ?", patient.patientId()));
    }

    private static void invalid(SharingFixtures.PatientFixture patient, Map<String, Object> body, String... fields) {
        given().auth().oauth2(patient.token()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/patients/{p}/grants", patient.patientId())
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://carechart.org/problems/validation"))
                .body("errors.field", containsInAnyOrder(fields));
    }

    static String grant(SharingFixtures.PatientFixture patient, String type, UUID grantee, List<String> categories,
                        String purpose, String expiresAt) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("granteeType", type, "granteeId", grantee,
                "categories", categories, "purpose", purpose));
        if (expiresAt != null) {
            body.put("expiresAt", expiresAt);
        }
        return given().auth().oauth2(patient.token()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/patients/{p}/grants", patient.patientId())
                .then().statusCode(201)
                .body("id", notNullValue())
                .extract().path("id");
    }
}
