package org.carechart.crosscheck;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.carechart.support.Db;
import org.carechart.support.Fixtures;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 4: walk the API as a patient, a care-team provider, records staff, an app, a share-link holder,
 * a provider in an emergency and a stranger, and after every step read back exactly the audit rows the
 * step added (action/outcome/basis/resource type). Then the chain verifies and the patient's access log
 * tells the story in plain words.
 */
@QuarkusTest
class AuditWalkTest {

    private static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final UUID org = Fixtures.organization();
    private final Fixtures.PatientLogin patient = Fixtures.patientLogin(org);
    private final UUID provider = Fixtures.account("provider", org, null);
    private final UUID staff = Fixtures.account("staff", org, null);
    private final UUID elsewhere = Fixtures.organization();
    private final UUID app = Fixtures.account("app", elsewhere, null);
    private final UUID emergency = Fixtures.account("provider", org, null);
    private final UUID stranger = Fixtures.account("staff", elsewhere, null);
    private final UUID entry = Fixtures.entry(patient.patient(), "condition", false, staff);

    {
        Fixtures.careTeam(patient.patient(), provider);
    }

    /** Ids of the rows already accounted for. */
    private final Set<String> seen = new HashSet<>();
    private final List<String> mismatches = new ArrayList<>();

    @Test
    void everyStepWritesExactlyTheAuditRowsItShould() {
        String base = "/api/v1/patients/" + patient.patient();
        String providerToken = Tokens.provider(provider, org);
        String staffToken = Tokens.staff(staff, org);
        String appToken = Tokens.app(app, elsewhere);
        newRows(); // the fixtures wrote none, but start from a clean slate all the same

        as(providerToken).get(base + "/chart").then().statusCode(200);
        expect("provider reads the summary", "read success care-team chart-summary");

        as(providerToken).get(base + "/chart/entries").then().statusCode(200);
        expect("provider lists entries", "search success care-team chart-entry");

        as(providerToken).get(base + "/chart/entries/" + entry).then().statusCode(200);
        expect("provider reads an entry", "read success care-team chart-entry");

        String added = json(providerToken).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(PatientScopedEndpointMatrixTest.condition("Asthma")).post(base + "/chart/entries")
                .then().statusCode(201).extract().path("id");
        expect("provider adds an entry", "create success care-team chart-entry");

        json(providerToken).header("If-Match", "*")
                .body(PatientScopedEndpointMatrixTest.withReason(PatientScopedEndpointMatrixTest.condition("Asthma, mild"), "Milder"))
                .put(base + "/chart/entries/" + added).then().statusCode(200);
        expect("provider updates the entry", "update success care-team chart-entry");

        json(providerToken).body(Map.of("reason", "Wrong patient")).post(base + "/chart/entries/" + added + "/retraction")
                .then().statusCode(200);
        expect("provider retracts the entry", "retract success care-team chart-entry");

        String document = given().auth().oauth2(staffToken).contentType("application/pdf").body(PDF)
                .post(base + "/chart/documents").then().statusCode(201).extract().path("id");
        expect("staff adds a document", "create success staff chart-document");

        as(patient.token()).get(base + "/chart/documents/" + document + "/content").then().statusCode(200);
        expect("patient reads the document", "read success self chart-document");

        String grant = json(patient.token()).body(Map.of("granteeType", "app", "granteeId", app.toString(),
                        "categories", List.of("condition"), "purpose", "payment"))
                .post(base + "/grants").then().statusCode(201).extract().path("id");
        expect("patient grants the app", "share success self grant");

        as(appToken).get(base + "/chart/entries").then().statusCode(200);
        expect("app lists entries under the grant", "search success grant chart-entry");

        as(patient.token()).delete(base + "/grants/" + grant).then().statusCode(204);
        expect("patient revokes the grant", "revoke success self grant");

        as(appToken).get(base + "/chart/entries").then().statusCode(404);
        expect("app is refused after revocation", "read denied - chart-entry");

        String path = json(patient.token()).body(Map.of("categories", List.of("condition"),
                        "expiresAt", Instant.now().plus(1, ChronoUnit.DAYS).toString()))
                .post(base + "/share-links").then().statusCode(201).extract().path("path");
        expect("patient creates a share link", "share success self share-link");

        given().when().get(path).then().statusCode(200);
        expect("someone opens the share link", "read success share-link share-link");

        json(Tokens.provider(emergency, org)).body(Map.of("reason", "Unconscious in the emergency department"))
                .post(base + "/break-glass").then().statusCode(201);
        expect("a provider breaks the glass", "break-glass success break-the-glass break-glass-session");

        as(patient.token()).get(base + "/access-log").then().statusCode(200);
        expect("patient reads the access log", "read success self audit-log");

        as(staffToken).queryParam("patientId", patient.patient().toString()).get("/api/v1/audit").then().statusCode(200);
        expect("staff searches the audit trail", "read success staff audit-log");

        as(Tokens.staff(stranger, elsewhere)).get(base + "/chart").then().statusCode(404);
        expect("staff of another organization is refused", "read denied - chart-summary");

        UUID signer = Fixtures.account("patient", null, null);
        String username = Db.rows("select username from account where id = ?", signer).get(0).get(0);
        given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "password")
                .formParam("username", username).formParam("password", "not the password")
                .post("/api/v1/auth/token").then().statusCode(401).contentType("application/problem+json");
        List<String> login = describe(Db.rows("select action, outcome, coalesce(basis, '-'), resource_type from audit_event "
                + "where actor_id = ? order by occurred_at, chain_seq", signer));
        assertEquals(List.of("login-failed failure - account"), login, "a failed login is recorded against the account");

        assertTrue(mismatches.isEmpty(), "steps whose audit rows differ:\n" + String.join("\n", mismatches));

        as(staffToken).queryParam("patientId", patient.patient().toString()).get("/api/v1/audit/verification")
                .then().statusCode(200).body("intact", equalTo(true));
        as(staffToken).get("/api/v1/audit/verification").then().statusCode(200).body("intact", equalTo(true));
        newRows(); // verification is itself recorded

        List<String> summaries = as(patient.token()).queryParam("limit", 100).get(base + "/access-log")
                .then().statusCode(200).extract().path("items.summary");
        String log = String.join("\n", summaries);
        // Newest first, one line per step, who (by name and role) did what on which basis.
        List<String> story = List.of(
                "Test Staff (staff) checked the integrity of your access log",
                "Test Staff (staff) tried to view your chart summary and was refused",
                "Test Staff (staff) viewed your access log — as records staff of your clinic",
                "You viewed your access log",
                "Test Provider (provider) opened your chart with emergency access",
                "(link holder) viewed the part of your chart the link shares — through a share link you created",
                "You created a share link to your chart",
                "Test App (app) tried to view your chart entries and was refused",
                "You withdrew access to your chart",
                "Test App (app) searched your chart entries — under access you granted",
                "You granted access to your chart",
                "You viewed your documents",
                "Test Staff (staff) added to your documents — as records staff of your clinic",
                "Test Provider (provider) marked an entry in your chart entries as entered in error — as a member of your care team",
                "Test Provider (provider) changed your chart entries",
                "Test Provider (provider) added to your chart entries",
                "Test Provider (provider) viewed your chart entries",
                "Test Provider (provider) searched your chart entries",
                "Test Provider (provider) viewed your chart summary — as a member of your care team");
        assertEquals(story.size(), summaries.size(), "one line per audited step:\n" + log);
        for (int i = 0; i < story.size(); i++) {
            assertTrue(summaries.get(i).contains(story.get(i)), "line " + i + " says '" + story.get(i) + "':\n" + log);
        }
        for (UUID id : List.of(provider, staff, app, emergency, patient.patient(), patient.account())) {
            assertTrue(!log.contains(id.toString()), "the access log shows names, never internal ids:\n" + log);
        }
    }

    private void expect(String step, String... rows) {
        List<String> actual = newRows();
        if (!actual.equals(List.of(rows))) {
            mismatches.add(step + ": expected " + List.of(rows) + ", got " + actual);
        }
    }

    /** The rows about the patient (or by the walk's actors) not seen before, in chain order. */
    private List<String> newRows() {
        List<List<String>> rows = Db.rows("select id::text, action, outcome, coalesce(basis, '-'), resource_type from audit_event "
                        + "where patient_id = ? or actor_id in (?, ?, ?, ?, ?) order by occurred_at, chain_seq",
                patient.patient(), provider, staff, app, emergency, stranger);
        List<List<String>> fresh = rows.stream().filter(r -> seen.add(r.get(0))).map(r -> r.subList(1, r.size())).toList();
        return describe(fresh);
    }

    private static List<String> describe(List<List<String>> rows) {
        return rows.stream().map(r -> String.join(" ", r)).toList();
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).when();
    }

    private static RequestSpecification json(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).when();
    }
}
