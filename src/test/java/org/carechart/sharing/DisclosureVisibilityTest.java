package org.carechart.sharing;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.carechart.embedded.DemoAccounts;
import org.carechart.support.Fixtures;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Issue 11, finding 5: the accounting of disclosures applies the reader's visibility, and the audit
 * search keeps patient-identifying detail (search strings, patients' names) from administrators.
 */
@QuarkusTest
class DisclosureVisibilityTest {

    @Test
    void finding5_aParentDoesNotSeeIdsOfHiddenSensitiveEntriesInTheDisclosures() {
        UUID org = Fixtures.organization();
        UUID teen = Fixtures.patientAged(org, 15);
        UUID teenAccount = Fixtures.account("patient", null, teen);
        UUID parent = Fixtures.account("patient", null, null);
        Fixtures.proxy(teen, parent, "parent");
        UUID otherOrg = Fixtures.organization();
        UUID provider = Fixtures.account("provider", otherOrg, null);
        UUID hidden = Fixtures.entry(teen, "note", true, provider);
        UUID plain = Fixtures.entry(teen, "note", false, provider);
        String base = "/api/v1/patients/" + teen;
        String teenToken = Tokens.patient(teenAccount, teen);
        given().auth().oauth2(teenToken).contentType(ContentType.JSON)
                .body(Map.of("granteeType", "provider", "granteeId", provider.toString(), "categories", List.of("note"),
                        "purpose", "treatment"))
                .post(base + "/grants").then().statusCode(201);
        String providerToken = Tokens.provider(provider, otherOrg);
        given().auth().oauth2(providerToken).get(base + "/chart/entries/" + hidden).then().statusCode(200);
        given().auth().oauth2(providerToken).get(base + "/chart/entries/" + plain).then().statusCode(200);

        given().auth().oauth2(teenToken).get(base + "/disclosures").then().statusCode(200)
                .body("items.resourceId", hasItem(hidden.toString()))
                .body("items.resourceId", hasItem(plain.toString()));
        given().auth().oauth2(Fixtures.personalToken(parent)).get(base + "/disclosures").then().statusCode(200)
                .body("items.resourceId", not(hasItem(hidden.toString())))
                .body("items.resourceId", hasItem(plain.toString()));
    }

    @Test
    void finding5_administratorsDoNotSeeWhatProvidersSearchedForNorPatientsNames() {
        UUID riverside = DemoAccounts.RIVERSIDE;
        UUID provider = Fixtures.account("provider", riverside, null);
        String family = "Searchable" + UUID.randomUUID().toString().substring(0, 6);
        UUID patient = Fixtures.patient(riverside, "Zed", family, java.time.LocalDate.of(1970, 1, 1));
        UUID patientAccount = Fixtures.account("patient", null, patient);
        Fixtures.careTeam(patient, provider);
        String providerToken = Tokens.provider(provider, riverside);
        given().auth().oauth2(providerToken).queryParam("q", family).get("/api/v1/patients").then().statusCode(200);
        given().auth().oauth2(providerToken).queryParam("code", "38341003")
                .get("/api/v1/patients/" + patient + "/chart/entries").then().statusCode(200);
        given().auth().oauth2(Tokens.claims(patientAccount, "Zed " + family, "patient").claim("patient_id", patient.toString()).sign())
                .get("/api/v1/patients/" + patient).then().statusCode(200);

        String admin = Tokens.admin(DemoAccounts.ADMIN);
        given().auth().oauth2(admin).queryParams(Map.of("actorId", provider.toString(), "limit", 100))
                .get("/api/v1/audit").then().statusCode(200)
                .body("items.size()", equalTo(2))
                .body("items.query", everyItem(equalTo("(withheld)")));
        given().auth().oauth2(admin).queryParams(Map.of("actorId", patientAccount.toString()))
                .get("/api/v1/audit").then().statusCode(200)
                .body("items.actorName", everyItem(equalTo("(withheld)")));
        // Records staff of the patient's organization, who may see the chart, see the detail.
        given().auth().oauth2(Tokens.samRecords()).queryParams(Map.of("patientId", patient.toString(), "action", "search"))
                .get("/api/v1/audit").then().statusCode(200)
                .body("items[0].query", containsString("38341003"));
    }
}
