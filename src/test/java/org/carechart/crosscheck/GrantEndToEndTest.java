package org.carechart.crosscheck;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.carechart.support.Db;
import org.carechart.support.Fixtures;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

/**
 * Issue 6 at the endpoints: a patient grants a provider (not on the care team) or an app some
 * categories; the grantee reads exactly those; after revocation, or once the grant expired without
 * anyone acting, the next request is refused; the accounting of disclosures keeps the reads made
 * under the grant, with purpose and basis.
 */
@QuarkusTest
class GrantEndToEndTest {

    private final UUID org = Fixtures.organization();
    private final UUID otherOrg = Fixtures.organization();
    private final Fixtures.PatientLogin patient = Fixtures.patientLogin(org);
    private final UUID staff = Fixtures.account("staff", org, null);
    private final UUID condition = Fixtures.entry(patient.patient(), "condition", false, staff);
    private final UUID medication = Fixtures.entry(patient.patient(), "medication", false, staff);
    private final UUID allergy = Fixtures.entry(patient.patient(), "allergy", false, staff);
    private final UUID note = Fixtures.entry(patient.patient(), "note", false, staff);
    private final String base = "/api/v1/patients/" + patient.patient();

    @Test
    void aProviderOffTheCareTeamReadsWhatWasGrantedUntilThePatientRevokes() {
        UUID provider = Fixtures.account("provider", otherOrg, null);
        String token = Tokens.provider(provider, otherOrg);
        as(token).get(base + "/chart/entries").then().statusCode(404);
        as(token).get(base + "/chart/entries/" + condition).then().statusCode(404);

        String grant = grant("provider", provider, List.of("condition", "medication"), "treatment");

        as(token).get(base + "/chart/entries").then().statusCode(200)
                .body("items.id", containsInAnyOrder(condition.toString(), medication.toString()));
        as(token).get(base + "/chart/entries/" + condition).then().statusCode(200).body("category", equalTo("condition"));
        as(token).get(base + "/chart/entries/" + note).then().statusCode(404);
        as(token).get(base + "/chart/entries/" + allergy + "/history").then().statusCode(404);
        as(token).get(base + "/chart").then().statusCode(200)
                .body("activeProblems.id", contains(condition.toString()))
                .body("activeMedications.id", contains(medication.toString()))
                .body("allergies", empty());

        as(patient.token()).delete(base + "/grants/" + grant).then().statusCode(204);

        as(token).get(base + "/chart/entries").then().statusCode(404);
        as(token).get(base + "/chart").then().statusCode(404);
        as(token).get(base + "/chart/entries/" + condition).then().statusCode(404);
        as(patient.token()).get(base + "/grants").then().statusCode(200)
                .body("items.find { it.id == '" + grant + "' }.status", equalTo("revoked"));

        // The accounting of disclosures still lists what the provider read under the grant: the list,
        // the entry and the summary (the refused attempts disclosed nothing).
        as(patient.token()).get(base + "/disclosures").then().statusCode(200)
                .body("items.findAll { it.recipient.id == '" + provider + "' }.size()", equalTo(3))
                .body("items.findAll { it.recipient.id == '" + provider + "' }.basis", everyItem(equalTo("grant")))
                .body("items.findAll { it.recipient.id == '" + provider + "' }.purpose", everyItem(equalTo("treatment")))
                .body("items.findAll { it.recipient.id == '" + provider + "' }.action", containsInAnyOrder("search", "read", "read"));
    }

    @Test
    void anAppsTokenReachesOnlyTheGrantedCategoriesUntilRevoked() {
        UUID app = Fixtures.account("app", otherOrg, null);
        String token = Tokens.app(app, otherOrg);
        as(token).get(base + "/chart").then().statusCode(404);

        String grant = grant("app", app, List.of("condition"), "payment");

        as(token).get(base + "/chart/entries").then().statusCode(200).body("items.id", contains(condition.toString()));
        as(token).queryParam("category", "medication").get(base + "/chart/entries").then().statusCode(403);
        as(token).get(base + "/chart/entries/" + condition).then().statusCode(200);
        for (UUID hidden : List.of(medication, allergy, note)) {
            as(token).get(base + "/chart/entries/" + hidden).then().statusCode(404);
        }
        as(token).get(base + "/chart/changes").then().statusCode(200).body("changes.id", contains(condition.toString()));
        as(token).get(base + "/chart").then().statusCode(200)
                .body("activeProblems.id", contains(condition.toString()))
                .body("activeMedications", empty())
                .body("allergies", empty())
                .body("counts", aMapWithSize(1)).body("counts", hasKey("condition"));
        // Amendment requests carry what the patient says about an entry: the app sees only those about granted ones.
        UUID aboutCondition = Fixtures.amendment(patient.patient(), condition, patient.account(), "requested");
        UUID aboutNote = Fixtures.amendment(patient.patient(), note, patient.account(), "denied");
        as(token).get(base + "/amendments").then().statusCode(200).body("items.id", contains(aboutCondition.toString()));
        as(token).get(base + "/amendments/" + aboutCondition).then().statusCode(200);
        as(token).get(base + "/amendments/" + aboutNote).then().statusCode(404);
        as(patient.token()).get(base + "/amendments").then().statusCode(200)
                .body("items.id", containsInAnyOrder(aboutCondition.toString(), aboutNote.toString()));

        as(patient.token()).delete(base + "/grants/" + grant).then().statusCode(204);

        as(token).get(base + "/chart/entries").then().statusCode(404);
        as(token).get(base + "/chart/entries/" + condition).then().statusCode(404);
        as(token).get(base + "/chart").then().statusCode(404);
        // Disclosed under the grant: the entry list, the entry, the changes, the summary, the amendment list and the
        // amendment; what was refused or not found disclosed nothing.
        as(patient.token()).get(base + "/disclosures").then().statusCode(200)
                .body("items.findAll { it.recipient.id == '" + app + "' }.basis", contains("grant", "grant", "grant", "grant", "grant", "grant"))
                .body("items.findAll { it.recipient.id == '" + app + "' }.purpose", everyItem(equalTo("payment")));
    }

    @Test
    void anExpiredGrantIsRefusedWithoutAnyoneActing() {
        UUID provider = Fixtures.account("provider", otherOrg, null);
        UUID app = Fixtures.account("app", otherOrg, null);
        String providerGrant = grant("provider", provider, List.of("condition"), "treatment");
        String appGrant = grant("app", app, List.of("condition"), "research");
        String providerToken = Tokens.provider(provider, otherOrg);
        String appToken = Tokens.app(app, otherOrg);
        as(providerToken).get(base + "/chart/entries/" + condition).then().statusCode(200);
        as(appToken).get(base + "/chart/entries/" + condition).then().statusCode(200);

        Db.update("update access_grant set expires_at = now() - interval '1 second' where id in (?, ?)",
                UUID.fromString(providerGrant), UUID.fromString(appGrant));

        as(providerToken).get(base + "/chart/entries/" + condition).then().statusCode(404);
        as(providerToken).get(base + "/chart/entries").then().statusCode(404);
        as(appToken).get(base + "/chart/entries/" + condition).then().statusCode(404);
        as(appToken).get(base + "/chart").then().statusCode(404);
        as(patient.token()).get(base + "/grants").then().statusCode(200)
                .body("items.findAll { it.id in ['" + providerGrant + "', '" + appGrant + "'] }.status",
                        contains("expired", "expired"));
        as(patient.token()).get(base + "/disclosures").then().statusCode(200)
                .body("items.recipient.id", hasItem(provider.toString()))
                .body("items.recipient.id", hasItem(app.toString()))
                .body("items.basis", not(hasItem("none")));
    }

    private String grant(String granteeType, UUID grantee, List<String> categories, String purpose) {
        return given().auth().oauth2(patient.token()).contentType(ContentType.JSON)
                .body(Map.of("granteeType", granteeType, "granteeId", grantee.toString(), "categories", categories,
                        "purpose", purpose))
                .when().post(base + "/grants").then().statusCode(201).body("status", equalTo("active"))
                .extract().path("id");
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).when();
    }
}
