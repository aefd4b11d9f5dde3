package org.carechart.access;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.carechart.support.Db;
import org.carechart.support.Fixtures;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 11, finding 1: sensitive entries of a 12-17-year-old must not leak across grants. Visibility is
 * decided per category from the grants that cover it, and per entry where a list mixes categories.
 */
@QuarkusTest
class SensitivePerCategoryTest {

    @Test
    void finding1_aParentsRestrictedNoteGrantPlusAnUnrestrictedAllergyGrantShowsNoSensitiveNote() {
        UUID org = Fixtures.organization();
        UUID teen = Fixtures.patientAged(org, 15);
        UUID teenAccount = Fixtures.account("patient", null, teen);
        UUID parent = Fixtures.account("patient", null, null);
        Fixtures.proxy(teen, parent, "parent");
        UUID otherOrg = Fixtures.organization();
        UUID provider = Fixtures.account("provider", otherOrg, null);
        UUID author = Fixtures.account("provider", org, null);
        UUID sensitiveNote = Fixtures.entry(teen, "note", true, author);
        UUID plainNote = Fixtures.entry(teen, "note", false, author);
        UUID sensitiveAllergy = Fixtures.entry(teen, "allergy", true, author);
        String base = "/api/v1/patients/" + teen;

        // The parent grants notes (restricted: a parent of a teenager sees no sensitive entries) ...
        grant(Fixtures.personalToken(parent), base, provider, List.of("note"));
        // ... and the teenager grants allergies, unrestricted.
        grant(Tokens.patient(teenAccount, teen), base, provider, List.of("allergy"));

        String token = Tokens.provider(provider, otherOrg);
        // One list mixing categories: each entry judged by its own category's grants.
        given().auth().oauth2(token).get(base + "/chart/entries").then().statusCode(200)
                .body("items.id", containsInAnyOrder(plainNote.toString(), sensitiveAllergy.toString()));
        given().auth().oauth2(token).queryParam("category", "note").get(base + "/chart/entries").then().statusCode(200)
                .body("items.id", containsInAnyOrder(plainNote.toString()));
        given().auth().oauth2(token).get(base + "/chart/entries/" + sensitiveNote).then().statusCode(404);
        given().auth().oauth2(token).get(base + "/chart/entries/" + sensitiveNote + "/history").then().statusCode(404);
        given().auth().oauth2(token).get(base + "/chart/entries/" + sensitiveAllergy).then().statusCode(200);
        given().auth().oauth2(token).get(base + "/chart/changes").then().statusCode(200)
                .body("changes.id", not(hasItem(sensitiveNote.toString())))
                .body("changes.id", hasItem(sensitiveAllergy.toString()));
        given().auth().oauth2(token).get(base + "/chart").then().statusCode(200)
                .body("counts.note", equalTo(1))
                .body("counts.allergy", equalTo(1));
        // Amendment requests about the hidden note are hidden too.
        UUID aboutHidden = Fixtures.amendment(teen, sensitiveNote, teenAccount, "requested");
        UUID aboutAllergy = Fixtures.amendment(teen, sensitiveAllergy, teenAccount, "requested");
        given().auth().oauth2(token).get(base + "/amendments").then().statusCode(200)
                .body("items.id", containsInAnyOrder(aboutAllergy.toString()));
        given().auth().oauth2(token).get(base + "/amendments/" + aboutHidden).then().statusCode(404);
    }

    @Test
    void finding1_grantVisibilityIsDecidedPerCategory() {
        var restrictedNotes = new AccessFacts.GrantFact(EnumSet.of(DataCategory.NOTE), null, true);
        var openAllergies = new AccessFacts.GrantFact(EnumSet.of(DataCategory.ALLERGY), null, false);
        var openNotes = new AccessFacts.GrantFact(EnumSet.of(DataCategory.NOTE), null, false);
        Visibility both = AccessPolicy.grantVisibility(List.of(restrictedNotes, openAllergies));
        assertEquals(true, both.shows(DataCategory.NOTE, false));
        assertEquals(false, both.shows(DataCategory.NOTE, true), "restricted for notes, whatever allergies allow");
        assertEquals(true, both.shows(DataCategory.ALLERGY, true));
        assertEquals(false, both.shows(DataCategory.CONDITION, false));
        assertEquals(true, AccessPolicy.grantVisibility(List.of(restrictedNotes, openNotes)).shows(DataCategory.NOTE, true),
                "an unrestricted grant covering the same category shows its sensitive entries");
    }

    /** The one rule in two forms: the SQL predicate and the Java test agree on every category and sensitivity. */
    @Test
    void finding1_visibilitysSqlPredicateAndJavaTestAgree() {
        List<Visibility> visibilities = List.of(Visibility.NONE, Visibility.EVERYTHING,
                Visibility.of(DataCategory.ALL, true),
                new Visibility(EnumSet.of(DataCategory.NOTE, DataCategory.ALLERGY, DataCategory.DEMOGRAPHICS),
                        EnumSet.of(DataCategory.ALLERGY)),
                new Visibility(EnumSet.of(DataCategory.CONDITION), Set.of()));
        for (Visibility visibility : visibilities) {
            for (DataCategory category : DataCategory.values()) {
                if (category == DataCategory.DEMOGRAPHICS) {
                    continue; // not a chart entry category
                }
                for (boolean sensitive : new boolean[]{false, true}) {
                    // The bound form, as every query places it.
                    String bound = "select count(*) from (values (cast(? as text), ?)) e(category, sensitive) where "
                            + Visibility.boundSql("e").replace(":open", "?").replace(":sensitiveShown", "?");
                    boolean byBoundSql = Db.count(bound, category.code(), sensitive, joined(visibility.categories()),
                            joined(visibility.sensitiveShown())) == 1;
                    assertEquals(visibility.shows(category, sensitive), byBoundSql, "bound: " + visibility + " " + category);
                }
            }
        }
    }

    private static String joined(Set<DataCategory> categories) {
        return categories.stream().filter(c -> c != DataCategory.DEMOGRAPHICS).map(DataCategory::code).sorted()
                .collect(java.util.stream.Collectors.joining(","));
    }

    private static void grant(String token, String base, UUID provider, List<String> categories) {
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("granteeType", "provider", "granteeId", provider.toString(), "categories", categories,
                        "purpose", "treatment"))
                .post(base + "/grants").then().statusCode(201);
    }
}
