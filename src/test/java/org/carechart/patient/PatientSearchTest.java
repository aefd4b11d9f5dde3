package org.carechart.patient;

import org.carechart.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.carechart.support.Db;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@QuarkusTest
class PatientSearchTest {

    @Test
    void staffPageThroughTheirOrganizationsPatientsWithACursorAndNoDuplicates() {
        UUID organization = Fixtures.organization();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(Fixtures.patient(organization).toString());
        }
        String token = Tokens.staff(Fixtures.account("staff", organization, null), organization);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(token).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.when().get("/api/v1/patients").then().statusCode(200).extract().response();
            seen.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null);
        assertEquals(3, pages);
        assertEquals(5, new HashSet<>(seen).size());
        assertEquals(new HashSet<>(created), new HashSet<>(seen), "exactly the organization's patients");
        assertEquals(3, Db.count("select count(*) from audit_event where action = 'search' and basis = 'staff' "
                + "and query = 'q=&limit=2' and outcome = 'success' and organization_id = ?", organization), "one per page");
    }

    @Test
    void searchMatchesANamePrefixInAnyCaseOrAWholeMrn() {
        UUID organization = Fixtures.organization();
        String family = "Qx" + UUID.randomUUID().toString().substring(0, 6);
        UUID first = Fixtures.patient(organization, "Rosalind", family, LocalDate.of(1970, 1, 1));
        UUID second = Fixtures.patient(organization, "Theo", family + "son", LocalDate.of(1990, 1, 1));
        UUID unrelated = Fixtures.patient(organization);
        String token = Tokens.staff(Fixtures.account("staff", organization, null), organization);

        given().auth().oauth2(token).queryParam("q", family.toLowerCase()).when().get("/api/v1/patients")
                .then().statusCode(200).body("items.id", containsInAnyOrder(first.toString(), second.toString()));
        given().auth().oauth2(token).queryParam("q", "rosa").when().get("/api/v1/patients")
                .then().statusCode(200).body("items.id", containsInAnyOrder(first.toString()));
        given().auth().oauth2(token).queryParam("q", Fixtures.mrn(unrelated)).when().get("/api/v1/patients")
                .then().statusCode(200).body("items.id", containsInAnyOrder(unrelated.toString()))
                .body("items[0].mrn", equalTo(Fixtures.mrn(unrelated)));
        given().auth().oauth2(token).queryParam("q", Fixtures.mrn(unrelated).substring(0, 6)).when().get("/api/v1/patients")
                .then().statusCode(200).body("items.size()", equalTo(0));
        given().auth().oauth2(token).queryParam("q", "%").when().get("/api/v1/patients")
                .then().statusCode(200).body("items.size()", equalTo(0));
        given().auth().oauth2(Tokens.lenaRecords()).queryParam("q", family).when().get("/api/v1/patients")
                .then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void aProviderListsCareTeamAndGrantedPatientsButNotEndedOrFutureLinks() {
        UUID organization = Fixtures.organization();
        UUID provider = Fixtures.account("provider", organization, null);
        UUID onTeam = Fixtures.patient(organization);
        UUID granted = Fixtures.patient(Fixtures.organization());
        UUID ended = Fixtures.patient(organization);
        UUID future = Fixtures.patient(organization);
        UUID stranger = Fixtures.patient(organization);
        Fixtures.careTeam(onTeam, provider);
        Fixtures.grant(granted, "provider", provider, "condition");
        Fixtures.careTeam(ended, provider, "-30 days", "-1 day");
        Fixtures.careTeam(future, provider, "1 day", "30 days");
        given().auth().oauth2(Tokens.provider(provider, organization)).when().get("/api/v1/patients")
                .then().statusCode(200)
                .body("items.id", containsInAnyOrder(onTeam.toString(), granted.toString()))
                .body("items.id", not(hasItem(stranger.toString())));
        given().auth().oauth2(Tokens.provider(provider, organization)).when().get("/api/v1/patients/{id}", ended)
                .then().statusCode(404);
        given().auth().oauth2(Tokens.provider(provider, organization)).when().get("/api/v1/patients/{id}", future)
                .then().statusCode(404);
    }

    @Test
    void badPagingIsA400NamingTheParameter() {
        String token = Tokens.samRecords();
        given().auth().oauth2(token).queryParam("limit", 101).when().get("/api/v1/patients")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(token).queryParam("limit", 0).when().get("/api/v1/patients")
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(token).queryParam("cursor", "not-a-cursor").when().get("/api/v1/patients")
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        Response defaults = given().auth().oauth2(token).when().get("/api/v1/patients").then().statusCode(200).extract().response();
        List<String> items = defaults.path("items.id");
        assertEquals(true, items.size() <= 20, "the default page is at most 20");
        if (items.size() < 20) {
            assertNull(defaults.path("nextCursor"));
        }
    }
}
