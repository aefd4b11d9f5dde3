package org.carechart.sharing;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.carechart.embedded.DemoAccounts;
import org.carechart.support.Db;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ShareLinkTest {

    private static final String PASSCODE = "blue-heron-42";

    record Link(UUID id, String token, String path) {
    }

    @Test
    void theTokenIsShownOnceAndOnlyItsHashIsKept() throws Exception {
        var patient = SharingFixtures.patient();
        Response created = given().auth().oauth2(patient.token()).contentType(ContentType.JSON)
                .body(Map.of("label", "for my new dentist", "categories", List.of("allergy", "medication"),
                        "expiresAt", SharingFixtures.inDays(7), "passcode", PASSCODE))
                .when().post("/api/v1/patients/{p}/share-links", patient.patientId())
                .then().statusCode(201)
                .body("link.status", equalTo("active"))
                .body("link.passcodeRequired", equalTo(true))
                .body("link.categories", contains("allergy", "medication"))
                .body("link.useCount", equalTo(0))
                .extract().response();
        String token = created.path("token");
        UUID id = UUID.fromString(created.path("link.id"));
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), "256 bits, base64url");
        assertEquals("/api/v1/shared/" + token, created.path("path"));

        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, Db.count("select count(*) from share_link where id = ? and token_hash = ?", id, hash));
        assertEquals(0, Db.count("select count(*) from share_link where token_hash = ? or label = ?", token, token));
        assertEquals(1, Db.count("select count(*) from share_link where id = ? and passcode_hash like '$2%' "
                + "and passcode_hash <> ?", id, PASSCODE), "the passcode is kept as a bcrypt hash");

        String list = given().auth().oauth2(patient.token())
                .when().get("/api/v1/patients/{p}/share-links", patient.patientId())
                .then().statusCode(200)
                .body("items.id", contains(id.toString()))
                .body("items[0].label", equalTo("for my new dentist"))
                .extract().asString();
        assertFalse(list.contains(token), "the token is never shown again");
    }

    @Test
    void theRightPasscodeOpensTheLinkAndTheUseIsRecordedAndAnnounced() {
        var patient = SharingFixtures.patient();
        Link link = create(patient, Map.of("categories", List.of("condition"), "expiresAt", SharingFixtures.inDays(1),
                "passcode", PASSCODE));

        given().when().get(link.path())
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Passcode header=\"X-Passcode\"");
        given().header("X-Passcode", PASSCODE).header("User-Agent", "dentist-browser")
                .when().get(link.path())
                .then().statusCode(200)
                .body("givenName", equalTo("Nora"))
                .body("familyName", equalTo("Fixture"))
                .body("birthDate", equalTo("1980-05-17"))
                .body("categories", contains("condition"))
                .body("entries", empty());

        assertEquals(1, Db.count("select count(*) from share_link_use where link_id = ? and user_agent = 'dentist-browser' "
                + "and client_address is not null", link.id()));
        assertEquals(1, Db.count("select count(*) from audit_event where patient_id = ? and basis = 'share-link' "
                        + "and outcome = 'success' and actor_id is null and actor_name = ? and resource_id = ?",
                patient.patientId(), "share link " + link.id().toString().substring(0, 8), link.id().toString()));
        assertEquals(1, Db.count("select count(*) from notification_event where patient_id = ? and kind = 'share.link.used' "
                + "and resource_id = ?", patient.patientId(), link.id().toString()));
        given().auth().oauth2(patient.token())
                .when().get("/api/v1/patients/{p}/share-links", patient.patientId())
                .then().statusCode(200)
                .body("items[0].useCount", equalTo(1))
                .body("items[0].lastUsedAt", not(nullValue()));
    }

    @Test
    void wrongPasscodesLockTheLinkForGood() {
        var patient = SharingFixtures.patient();
        Link link = create(patient, Map.of("categories", List.of("condition"), "expiresAt", SharingFixtures.inDays(1),
                "passcode", PASSCODE));
        for (int left = 4; left >= 0; left--) {
            given().header("X-Passcode", "guess-" + left)
                    .when().get(link.path())
                    .then().statusCode(401)
                    .header("X-Passcode-Attempts-Left", String.valueOf(left));
        }
        String locked = given().header("X-Passcode", PASSCODE).when().get(link.path())
                .then().statusCode(404).contentType("application/problem+json").extract().asString();
        assertEquals(unknownLinkAnswer(), locked, "a locked link answers like an unknown one, even to the right passcode");
        assertEquals(0, Db.count("select count(*) from share_link_use where link_id = ?", link.id()));
        assertEquals(5, Db.count("select count(*) from audit_event where patient_id = ? and basis = 'share-link' "
                + "and outcome = 'denied'", patient.patientId()), "every wrong passcode is in the trail");
        given().auth().oauth2(patient.token())
                .when().get("/api/v1/patients/{p}/share-links", patient.patientId())
                .then().statusCode(200).body("items[0].status", equalTo("locked"));
    }

    @Test
    void aLinkServesAtMostItsMaximumNumberOfUses() {
        var patient = SharingFixtures.patient();
        Link link = create(patient, Map.of("categories", List.of("immunization"), "expiresAt", SharingFixtures.inDays(1),
                "maxUses", 2));
        given().when().get(link.path()).then().statusCode(200);
        given().when().get(link.path()).then().statusCode(200);
        assertEquals(unknownLinkAnswer(), given().when().get(link.path()).then().statusCode(404).extract().asString());
        assertEquals(2, Db.count("select count(*) from share_link_use where link_id = ?", link.id()));
        given().auth().oauth2(patient.token())
                .when().get("/api/v1/patients/{p}/share-links", patient.patientId())
                .then().statusCode(200).body("items[0].status", equalTo("used-up"));
    }

    @Test
    void concurrentHoldersCannotOverrunTheMaximum() throws Exception {
        var patient = SharingFixtures.patient();
        Link link = create(patient, Map.of("categories", List.of("immunization"), "expiresAt", SharingFixtures.inDays(1),
                "maxUses", 1));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(pool.submit(() -> given().when().get(link.path()).then().extract().statusCode()));
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var answer : answers) {
                statuses.add(answer.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            assertEquals(5, statuses.stream().filter(s -> s == 404).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, Db.count("select count(*) from share_link_use where link_id = ?", link.id()));
    }

    @Test
    void anExpiredLinkAnswersLikeAnUnknownOne() {
        var patient = SharingFixtures.patient();
        Link link = create(patient, Map.of("categories", List.of("immunization"), "expiresAt", SharingFixtures.inDays(1)));
        given().when().get(link.path()).then().statusCode(200);
        Db.update("update share_link set expires_at = now() - interval '1 second' where id = ?", link.id());
        assertEquals(unknownLinkAnswer(), given().when().get(link.path()).then().statusCode(404).extract().asString());
    }

    @Test
    void aRevokedLinkStopsAtOnce() {
        var patient = SharingFixtures.patient();
        Link link = create(patient, Map.of("categories", List.of("note"), "expiresAt", SharingFixtures.inDays(2)));
        given().when().get(link.path()).then().statusCode(200);
        given().auth().oauth2(patient.token())
                .when().delete("/api/v1/patients/{p}/share-links/{l}", patient.patientId(), link.id())
                .then().statusCode(204);
        assertEquals(unknownLinkAnswer(), given().when().get(link.path()).then().statusCode(404).extract().asString());
        given().auth().oauth2(patient.token())
                .when().get("/api/v1/patients/{p}/share-links", patient.patientId())
                .then().statusCode(200).body("items[0].status", equalTo("revoked"));
        given().auth().oauth2(Tokens.drShaw())
                .when().delete("/api/v1/patients/{p}/share-links/{l}", patient.patientId(), link.id())
                .then().statusCode(404);
        given().auth().oauth2(patient.token())
                .when().delete("/api/v1/patients/{p}/share-links/{l}", patient.patientId(), UUID.randomUUID())
                .then().statusCode(404);
    }

    @Test
    void unknownAndMalformedTokensGetTheSameAnswerWithoutTheToken() {
        String answer = unknownLinkAnswer();
        assertFalse(answer.contains("/shared/"), "the token is not echoed");
        assertEquals(answer, given().header("X-Passcode", "whatever").when().get("/api/v1/shared/{t}", "short")
                .then().statusCode(404).extract().asString());
    }

    @Test
    void aLinkToChosenEntriesAcceptsOnlyThePatientsOwnEntries() {
        var patient = SharingFixtures.patient();
        UUID entry = SharingFixtures.chartEntry(patient.patientId());
        Link link = create(patient, Map.of("entryIds", List.of(entry), "expiresAt", SharingFixtures.inDays(1)));
        assertEquals(1, Db.count("select count(*) from share_link where id = ? and entry_ids = array[?]::uuid[]",
                link.id(), entry));
        given().when().get(link.path()).then().statusCode(200).body("categories", empty());

        UUID someoneElses = SharingFixtures.chartEntry(SharingFixtures.patient().patientId());
        invalid(patient, Map.of("entryIds", List.of(entry, someoneElses), "expiresAt", SharingFixtures.inDays(1)), "entryIds");
        assertEquals(1, Db.count("select count(*) from share_link where patient_id = ?", patient.patientId()));
    }

    @Test
    void aParentsLinkForATeenagerKeepsSensitiveEntriesHidden() {
        var parent = SharingFixtures.parentOfTeenager();
        Link link = create(parent, Map.of("categories", List.of("condition"), "expiresAt", SharingFixtures.inDays(1)));
        assertEquals(1, Db.count("select count(*) from share_link where id = ? and hide_sensitive and created_by = ?",
                link.id(), parent.accountId()));
        given().when().get(link.path()).then().statusCode(200).body("givenName", equalTo("Nora"));

        var adult = SharingFixtures.patient();
        Link own = create(adult, Map.of("categories", List.of("condition"), "expiresAt", SharingFixtures.inDays(1)));
        assertEquals(1, Db.count("select count(*) from share_link where id = ? and not hide_sensitive", own.id()));
    }

    @Test
    void aLinkShowsTheCurrentEntriesOfItsCategoriesAndItsChosenEntriesOnly() {
        var patient = SharingFixtures.patient();
        entry(patient.patientId(), "condition", "active", "195967001", "Asthma", false);
        entry(patient.patientId(), "condition", "active", "35489007", "Depressive disorder", true);
        entry(patient.patientId(), "condition", "entered-in-error", "38341003", "Hypertensive disorder", false);
        entry(patient.patientId(), "observation", "final", "8867-4", "Heart rate", false);
        UUID chosen = entry(patient.patientId(), "medication", "active", "314076", "Lisinopril 10 MG Oral Tablet", false);
        Link link = create(patient, Map.of("categories", List.of("condition"), "entryIds", List.of(chosen.toString()),
                "expiresAt", SharingFixtures.inDays(1)));

        given().when().get(link.path())
                .then().statusCode(200)
                .body("entries.display", containsInAnyOrder("Asthma", "Depressive disorder", "Lisinopril 10 MG Oral Tablet"))
                .body("entries.find { it.display == 'Asthma' }.codeSystem", equalTo("http://snomed.info/sct"));

        var parent = SharingFixtures.parentOfTeenager();
        entry(parent.patientId(), "condition", "active", "195967001", "Asthma", false);
        entry(parent.patientId(), "condition", "active", "35489007", "Depressive disorder", true);
        Link parentsLink = create(parent, Map.of("categories", List.of("condition"), "expiresAt", SharingFixtures.inDays(1)));
        given().when().get(parentsLink.path())
                .then().statusCode(200)
                .body("entries.display", contains("Asthma"));
    }

    private static UUID entry(UUID patient, String category, String status, String code, String display, boolean sensitive) {
        UUID id = UUID.randomUUID();
        Db.update("insert into chart_entry (id, patient_id, category, version, status, code_system, code, display, "
                        + "effective_at, recorded_at, sensitive, author_id, updated_at) "
                        + "values (?, ?, ?, 1, ?, ?, ?, ?, now(), now(), ?, ?, now())", id, patient, category, status,
                category.equals("observation") ? "http://loinc.org" : category.equals("medication")
                        ? "http://www.nlm.nih.gov/research/umls/rxnorm" : "http://snomed.info/sct",
                code, display, sensitive, DemoAccounts.DR_LEE);
        return id;
    }

    @Test
    void badLinksAreRefusedWithTheFieldsNamedAndNothingWritten() {
        var patient = SharingFixtures.patient();
        invalid(patient, Map.of("categories", List.of("condition"), "expiresAt", SharingFixtures.inDays(31)), "expiresAt");
        invalid(patient, Map.of("categories", List.of("condition"),
                "expiresAt", Instant.now().minusSeconds(5).toString()), "expiresAt");
        invalid(patient, Map.of("categories", List.of("condition")), "expiresAt");
        invalid(patient, Map.of("categories", List.of(), "expiresAt", SharingFixtures.inDays(1)), "categories");
        invalid(patient, Map.of("categories", List.of("tarot"), "expiresAt", SharingFixtures.inDays(1)), "categories");
        invalid(patient, Map.of("categories", List.of("condition"), "expiresAt", SharingFixtures.inDays(1),
                "passcode", "123", "maxUses", 0), "passcode", "maxUses");
        given().auth().oauth2(Tokens.drShaw()).contentType(ContentType.JSON)
                .body(Map.of("categories", List.of("condition"), "expiresAt", SharingFixtures.inDays(1)))
                .when().post("/api/v1/patients/{p}/share-links", DemoAccounts.ALICE_PATIENT)
                .then().statusCode(404);
        given().auth().oauth2(Tokens.drShaw())
                .when().get("/api/v1/patients/{p}/share-links", DemoAccounts.ALICE_PATIENT)
                .then().statusCode(404);
        assertEquals(0, Db.count("select count(*) from share_link where patient_id = ?", patient.patientId()));
    }

    private static void invalid(SharingFixtures.PatientFixture patient, Map<String, Object> body, String... fields) {
        given().auth().oauth2(patient.token()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/patients/{p}/share-links", patient.patientId())
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://carechart.org/problems/validation"))
                .body("errors.field", containsInAnyOrder(fields));
    }

    static Link create(SharingFixtures.PatientFixture patient, Map<String, Object> body) {
        Response created = given().auth().oauth2(patient.token()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/patients/{p}/share-links", patient.patientId())
                .then().statusCode(201)
                .extract().response();
        return new Link(UUID.fromString(created.path("link.id")), created.path("token"), created.path("path"));
    }

    private static String unknownLinkAnswer() {
        return given().header("X-Passcode", PASSCODE)
                .when().get("/api/v1/shared/{t}", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .extract().asString();
    }
}
