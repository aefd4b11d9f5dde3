package org.carechart.sharing;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.carechart.support.Db;
import org.carechart.support.Fixtures;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 11, finding 2: a former proxy keeps no access through what they created, and records staff of
 * the patient's organization can list and revoke any grant or share link of that patient, audited.
 */
@QuarkusTest
class ProxyAuthorityTest {

    @Test
    void finding2_aProxysGrantsAndShareLinksStopWorkingWhenTheProxyLinkEnds() {
        UUID org = Fixtures.organization();
        var patient = Fixtures.patientLogin(org);
        UUID caregiver = Fixtures.account("patient", null, null);
        UUID proxyLink = Fixtures.proxy(patient.patient(), caregiver, "caregiver");
        UUID otherOrg = Fixtures.organization();
        UUID provider = Fixtures.account("provider", otherOrg, null);
        UUID condition = Fixtures.entry(patient.patient(), "condition", false, provider);
        String base = "/api/v1/patients/" + patient.patient();
        String proxyToken = Fixtures.personalToken(caregiver);
        String providerToken = Tokens.provider(provider, otherOrg);

        String grantId = given().auth().oauth2(proxyToken).contentType(ContentType.JSON)
                .body(Map.of("granteeType", "provider", "granteeId", provider.toString(), "categories", List.of("condition"),
                        "purpose", "treatment"))
                .post(base + "/grants").then().statusCode(201).extract().path("id");
        String sharedPath = given().auth().oauth2(proxyToken).contentType(ContentType.JSON)
                .body(Map.of("categories", List.of("condition"), "expiresAt", SharingFixtures.inDays(3)))
                .post(base + "/share-links").then().statusCode(201).extract().path("path");
        given().auth().oauth2(providerToken).get(base + "/chart/entries/" + condition).then().statusCode(200);
        given().get(sharedPath).then().statusCode(200);

        // Records staff end the caregiver's link.
        String staffToken = Tokens.staff(Fixtures.account("staff", org, null), org);
        given().auth().oauth2(staffToken).delete(base + "/proxies/" + proxyLink).then().statusCode(204);

        // At once: the grant and the link carry the caregiver's authority, which has ended.
        given().auth().oauth2(providerToken).get(base + "/chart/entries/" + condition).then().statusCode(404);
        given().auth().oauth2(providerToken).get(base + "/chart/entries").then().statusCode(404);
        given().get(sharedPath).then().statusCode(404);
        given().auth().oauth2(patient.token()).get(base + "/grants").then().statusCode(200)
                .body("items.find { it.id == '" + grantId + "' }.status", equalTo("ended"));
        given().auth().oauth2(patient.token()).get(base + "/share-links").then().statusCode(200)
                .body("items[0].status", equalTo("ended"));
        // What the patient made themselves is untouched.
        given().auth().oauth2(patient.token()).contentType(ContentType.JSON)
                .body(Map.of("granteeType", "provider", "granteeId", provider.toString(), "categories", List.of("condition"),
                        "purpose", "treatment"))
                .post(base + "/grants").then().statusCode(201);
        given().auth().oauth2(providerToken).get(base + "/chart/entries/" + condition).then().statusCode(200);
    }

    @Test
    void finding2_recordsStaffListAndRevokeAnyGrantOrShareLinkOfTheirPatientsAudited() {
        UUID org = Fixtures.organization();
        var patient = Fixtures.patientLogin(org);
        UUID otherOrg = Fixtures.organization();
        UUID provider = Fixtures.account("provider", otherOrg, null);
        String base = "/api/v1/patients/" + patient.patient();
        String grantId = given().auth().oauth2(patient.token()).contentType(ContentType.JSON)
                .body(Map.of("granteeType", "provider", "granteeId", provider.toString(), "categories", List.of("note"),
                        "purpose", "treatment"))
                .post(base + "/grants").then().statusCode(201).extract().path("id");
        var link = given().auth().oauth2(patient.token()).contentType(ContentType.JSON)
                .body(Map.of("categories", List.of("note"), "expiresAt", SharingFixtures.inDays(3)))
                .post(base + "/share-links").then().statusCode(201).extract();
        String linkId = link.path("link.id");

        UUID staff = Fixtures.account("staff", org, null);
        String staffToken = Tokens.staff(staff, org);
        given().auth().oauth2(staffToken).get(base + "/grants").then().statusCode(200)
                .body("items.id", containsInAnyOrder(grantId));
        given().auth().oauth2(staffToken).get(base + "/share-links").then().statusCode(200)
                .body("items.id", containsInAnyOrder(linkId));
        given().auth().oauth2(staffToken).delete(base + "/grants/" + grantId).then().statusCode(204);
        given().auth().oauth2(staffToken).delete(base + "/share-links/" + linkId).then().statusCode(204);
        given().get((String) link.path("path")).then().statusCode(404);
        given().auth().oauth2(patient.token()).get(base + "/grants").then().statusCode(200)
                .body("items[0].status", equalTo("revoked"));
        assertEquals(2, Db.count("select count(*) from audit_event where patient_id = ? and actor_id = ? and action = 'revoke'"
                + " and basis = 'staff' and outcome = 'success'", patient.patient(), staff));
        // Staff oversee sharing; they do not share for the patient.
        given().auth().oauth2(staffToken).contentType(ContentType.JSON)
                .body(Map.of("granteeType", "provider", "granteeId", provider.toString(), "categories", List.of("note"),
                        "purpose", "treatment"))
                .post(base + "/grants").then().statusCode(403);
        // Staff of another organization see nothing of this patient.
        UUID stranger = Fixtures.account("staff", otherOrg, null);
        given().auth().oauth2(Tokens.staff(stranger, otherOrg)).get(base + "/grants").then().statusCode(404);
        given().auth().oauth2(Tokens.staff(stranger, otherOrg)).delete(base + "/share-links/" + linkId).then().statusCode(404);
    }
}
