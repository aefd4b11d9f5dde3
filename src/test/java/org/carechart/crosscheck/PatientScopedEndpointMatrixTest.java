package org.carechart.crosscheck;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.carechart.support.Db;
import org.carechart.support.Fixtures;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 3: every patient-scoped endpoint of every feature, for every role, on their own patient and
 * on another one. The expected answer of each cell is written out; the test collects every cell that
 * differs, so one run shows the whole picture.
 */
@QuarkusTest
class PatientScopedEndpointMatrixTest {

    private static final String REASON = "Emergency: patient arrived unresponsive";
    private static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * The world: patient P (own) with a parent proxy, a care-team provider and an app granted condition and
     * medication; patient Q (another) of the same organization with no links to anyone.
     */
    private final UUID orgA = Fixtures.organization();
    private final UUID orgB = Fixtures.organization();
    private final UUID staffA = Fixtures.account("staff", orgA, null);
    private final Fixtures.PatientLogin own = Fixtures.patientLogin(orgA);
    private final Fixtures.PatientLogin other = Fixtures.patientLogin(orgA);
    private final UUID proxyAccount = Fixtures.account("patient", null, null);
    private final UUID careProvider = Fixtures.account("provider", orgA, null);
    private final UUID grantedApp = Fixtures.account("app", orgB, null);

    {
        Fixtures.proxy(own.patient(), proxyAccount, "parent");
        Fixtures.careTeam(own.patient(), careProvider);
        Fixtures.grant(own.patient(), "app", grantedApp, "condition,medication");
    }

    /** What one cell needs: the patient, an entry everyone allowed may read, and a document. */
    private record Target(UUID patient, UUID account, UUID entry, UUID document) {
    }

    private record Endpoint(String name, BiFunction<String, Target, Integer> call) {
    }

    private Target target(Fixtures.PatientLogin login) {
        UUID entry = Fixtures.entry(login.patient(), "condition", false, staffA);
        String document = given().auth().oauth2(Tokens.staff(staffA, orgA)).contentType("application/pdf").body(PDF)
                .when().post("/api/v1/patients/{p}/chart/documents", login.patient())
                .then().statusCode(201).extract().path("id");
        return new Target(login.patient(), login.account(), entry, UUID.fromString(document));
    }

    private static String[] row(String... statuses) {
        return statuses;
    }

    private Map<String, Supplier<String>> roles() {
        Map<String, Supplier<String>> roles = new LinkedHashMap<>();
        roles.put("patient self", own::token);
        roles.put("parent proxy", () -> Fixtures.personalToken(proxyAccount));
        roles.put("care-team provider", () -> Tokens.provider(careProvider, orgA));
        roles.put("unrelated provider", () -> Tokens.provider(Fixtures.account("provider", orgA, null), orgA));
        roles.put("staff same org", () -> Tokens.staff(Fixtures.account("staff", orgA, null), orgA));
        roles.put("staff other org", () -> Tokens.staff(Fixtures.account("staff", orgB, null), orgB));
        roles.put("app with grant", () -> Tokens.app(grantedApp, orgB));
        roles.put("app without grant", () -> Tokens.app(Fixtures.account("app", orgB, null), orgB));
        roles.put("admin", () -> Tokens.admin(Fixtures.account("admin", null, null)));
        return roles;
    }

    @Test
    void everyRoleGetsExactlyTheAnswerTheRulesGiveOnEveryPatientScopedEndpoint() {
        List<Endpoint> endpoints = endpoints();
        String[] none = new String[endpoints.size()];
        java.util.Arrays.fill(none, "404");
        String[] noneButBreakGlass = none.clone();
        noneButBreakGlass[none.length - 1] = "201";

        // Columns, in the order of endpoints():
        //  patient: GET patient, GET care-team, POST care-team, DELETE care-team member, GET proxies, POST proxy,
        //           DELETE proxy |
        //  chart reads: summary, entries, entry, history, changes, document content |
        //  chart writes: POST entry, PUT entry, retraction, POST document |
        //  amendments: list, one, request, decision, disagreement |
        //  sharing: GET grants, POST grant, DELETE grant, GET share-links, POST share-link, DELETE share-link,
        //           disclosures | access-log | POST break-glass (last: it changes what the caller may see).
        Map<String, String[]> expectOwn = new LinkedHashMap<>();
        expectOwn.put("patient self", row("200", "200", "403", "403", "200", "201", "204",
                "200", "200", "200", "200", "200", "200",
                "403", "403", "403", "403",
                "200", "200", "201", "403", "200",
                "200", "201", "204", "200", "201", "204", "200",
                "200",
                "403"));
        expectOwn.put("parent proxy", row("200", "200", "403", "403", "403", "403", "403",
                "200", "200", "200", "200", "200", "200",
                "403", "403", "403", "403",
                "200", "200", "201", "403", "200",
                "200", "201", "204", "200", "201", "204", "200",
                "200",
                "403"));
        expectOwn.put("care-team provider", row("200", "200", "403", "403", "403", "403", "403",
                "200", "200", "200", "200", "200", "200",
                "201", "200", "200", "201",
                "200", "200", "403", "403", "403",
                "403", "403", "403", "403", "403", "403", "403",
                "404",
                "409"));
        expectOwn.put("unrelated provider", noneButBreakGlass);
        expectOwn.put("staff same org", row("200", "200", "201", "204", "200", "201", "204",
                "200", "200", "200", "200", "200", "200",
                "201", "200", "200", "201",
                "200", "200", "403", "200", "403",
                // Records staff list and revoke any grant or share link (issue 11, finding 2); they never share.
                "200", "403", "204", "200", "403", "204", "200",
                "200",
                "403"));
        expectOwn.put("staff other org", none);
        // The app was granted condition and medication: it reads those (the entry of the table is a condition),
        // not documents, and writes nothing.
        expectOwn.put("app with grant", row("200", "200", "403", "403", "403", "403", "403",
                "200", "200", "200", "200", "200", "403",
                "403", "403", "403", "403",
                "200", "200", "403", "403", "403",
                "403", "403", "403", "403", "403", "403", "403",
                "404",
                "403"));
        expectOwn.put("app without grant", none);
        expectOwn.put("admin", none);

        Map<String, String[]> expectOther = new LinkedHashMap<>();
        expectOther.put("patient self", none);
        expectOther.put("parent proxy", none);
        expectOther.put("care-team provider", noneButBreakGlass);
        expectOther.put("unrelated provider", noneButBreakGlass);
        expectOther.put("staff same org", expectOwn.get("staff same org"));
        expectOther.put("staff other org", none);
        expectOther.put("app with grant", none);
        expectOther.put("app without grant", none);
        expectOther.put("admin", none);

        Target ownTarget = target(own);
        Target otherTarget = target(other);
        List<String> mismatches = new ArrayList<>();
        roles().forEach((role, token) -> {
            check(endpoints, role, "own patient", token.get(), ownTarget, expectOwn.get(role), mismatches);
            check(endpoints, role, "another patient", token.get(), otherTarget, expectOther.get(role), mismatches);
        });
        assertTrue(mismatches.isEmpty(), mismatches.size() + " cells differ from the rules:\n" + String.join("\n", mismatches));
    }

    @Test
    void aRecordThatIsNotYoursLooksExactlyLikeOneThatDoesNotExist() {
        Target ownTarget = target(own);
        Target otherTarget = target(other);
        UUID nowhere = UUID.randomUUID();
        List<String> paths = List.of("/api/v1/patients/%s", "/api/v1/patients/%s/chart", "/api/v1/patients/%s/chart/entries",
                "/api/v1/patients/%s/chart/changes", "/api/v1/patients/%s/amendments", "/api/v1/patients/%s/grants",
                "/api/v1/patients/%s/access-log", "/api/v1/patients/%s/disclosures");
        Map<String, String> strangers = new LinkedHashMap<>();
        strangers.put("another patient", other.token());
        strangers.put("unrelated provider", Tokens.provider(Fixtures.account("provider", orgA, null), orgA));
        strangers.put("staff other org", Tokens.staff(Fixtures.account("staff", orgB, null), orgB));
        strangers.put("app without grant", Tokens.app(Fixtures.account("app", orgB, null), orgB));
        strangers.put("admin", Tokens.admin(Fixtures.account("admin", null, null)));
        strangers.forEach((who, token) -> {
            for (String path : paths) {
                Response notAllowed = as(token).get(String.format(path, own.patient()));
                Response missing = as(token).get(String.format(path, nowhere));
                assertSameNotFound(who + " " + path, notAllowed, own.patient(), missing, nowhere);
            }
        });

        // Inside a chart the caller may read: an entry of another patient, or of a category not granted,
        // answers like an entry that does not exist.
        UUID note = Fixtures.entry(own.patient(), "note", false, staffA);
        String entryPath = "/api/v1/patients/" + own.patient() + "/chart/entries/%s";
        assertSameNotFound("patient, entry of another patient", as(own.token()).get(String.format(entryPath, otherTarget.entry())),
                otherTarget.entry(), as(own.token()).get(String.format(entryPath, nowhere)), nowhere);
        String app = Tokens.app(grantedApp, orgB);
        assertSameNotFound("app, entry of a category not granted", as(app).get(String.format(entryPath, note)), note,
                as(app).get(String.format(entryPath, nowhere)), nowhere);
        assertSameNotFound("app, history of a category not granted", as(app).get(String.format(entryPath + "/history", note)),
                note, as(app).get(String.format(entryPath + "/history", nowhere)), nowhere);
        assertEquals(200, as(app).get(String.format(entryPath, ownTarget.entry())).statusCode());
    }

    @Test
    void aParentProxyOfATeenagerDoesNotSeeSensitiveEntriesThroughAnyChartEndpoint() {
        UUID teen = Fixtures.patientAged(orgA, 15);
        UUID teenAccount = Fixtures.account("patient", null, teen);
        UUID parent = Fixtures.account("patient", null, null);
        Fixtures.proxy(teen, parent, "parent");
        UUID plain = Fixtures.entry(teen, "condition", false, staffA);
        UUID sensitive = Fixtures.entry(teen, "condition", true, staffA);
        String parentToken = Fixtures.personalToken(parent);
        String teenToken = Tokens.patient(teenAccount, teen);
        String base = "/api/v1/patients/" + teen + "/chart";

        as(parentToken).get(base + "/entries").then().statusCode(200)
                .body("items.id", hasItem(plain.toString())).body("items.id", not(hasItem(sensitive.toString())));
        as(parentToken).get(base).then().statusCode(200)
                .body("activeProblems.id", hasItem(plain.toString())).body("activeProblems.id", not(hasItem(sensitive.toString())));
        as(parentToken).get(base + "/changes").then().statusCode(200)
                .body("changes.id", hasItem(plain.toString())).body("changes.id", not(hasItem(sensitive.toString())));
        as(parentToken).get(base + "/entries/" + plain).then().statusCode(200);
        as(parentToken).get(base + "/entries/" + plain + "/history").then().statusCode(200);
        UUID nowhere = UUID.randomUUID();
        assertSameNotFound("parent, sensitive entry", as(parentToken).get(base + "/entries/" + sensitive), sensitive,
                as(parentToken).get(base + "/entries/" + nowhere), nowhere);
        assertSameNotFound("parent, sensitive history", as(parentToken).get(base + "/entries/" + sensitive + "/history"), sensitive,
                as(parentToken).get(base + "/entries/" + nowhere + "/history"), nowhere);

        // The teenager sees both; a caregiver who is not a parent is not limited either.
        as(teenToken).get(base + "/entries").then().statusCode(200).body("items.id", hasItem(sensitive.toString()));
        as(teenToken).get(base).then().statusCode(200).body("activeProblems.id", hasItem(sensitive.toString()));
        as(teenToken).get(base + "/entries/" + sensitive).then().statusCode(200);
        UUID caregiver = Fixtures.account("patient", null, null);
        Fixtures.proxy(teen, caregiver, "caregiver");
        as(Fixtures.personalToken(caregiver)).get(base + "/entries/" + sensitive).then().statusCode(200);
    }

    @Test
    void anAppGrantedByAParentOfATeenagerDoesNotSeeSensitiveEntriesEither() {
        UUID teen = Fixtures.patientAged(orgA, 15);
        UUID parent = Fixtures.account("patient", null, null);
        Fixtures.proxy(teen, parent, "parent");
        UUID sensitive = Fixtures.entry(teen, "condition", true, staffA);
        UUID plain = Fixtures.entry(teen, "condition", false, staffA);
        UUID app = Fixtures.account("app", orgB, null);
        json(Fixtures.personalToken(parent)).body(Map.of("granteeType", "app", "granteeId", app.toString(),
                        "categories", List.of("condition"), "purpose", "personal-use"))
                .post("/api/v1/patients/{p}/grants", teen).then().statusCode(201);
        String appToken = Tokens.app(app, orgB);
        String base = "/api/v1/patients/" + teen + "/chart";
        as(appToken).get(base + "/entries").then().statusCode(200)
                .body("items.id", hasItem(plain.toString())).body("items.id", not(hasItem(sensitive.toString())));
        as(appToken).get(base + "/entries/" + sensitive).then().statusCode(404);
    }

    private static void assertSameNotFound(String what, Response notAllowed, UUID notAllowedId, Response missing, UUID missingId) {
        assertEquals(404, notAllowed.statusCode(), what + ": not allowed");
        assertEquals(404, missing.statusCode(), what + ": does not exist");
        assertEquals(missing.contentType(), notAllowed.contentType(), what);
        // The instance is the request path: only the id differs.
        assertEquals(missing.asString().replace(missingId.toString(), "{id}"),
                notAllowed.asString().replace(notAllowedId.toString(), "{id}"), what + ": the bodies must not tell them apart");
    }

    private List<Endpoint> endpoints() {
        String chart = "/api/v1/patients/{p}/chart";
        return List.of(
                new Endpoint("GET patient", (token, t) -> as(token).get("/api/v1/patients/{p}", t.patient()).statusCode()),
                new Endpoint("GET care-team", (token, t) -> as(token).get("/api/v1/patients/{p}/care-team", t.patient()).statusCode()),
                new Endpoint("POST care-team", (token, t) -> json(token)
                        .body(Map.of("providerId", Fixtures.account("provider", orgA, null).toString(), "role", "consultant"))
                        .post("/api/v1/patients/{p}/care-team", t.patient()).statusCode()),
                new Endpoint("DELETE care-team", (token, t) -> as(token).delete("/api/v1/patients/{p}/care-team/{m}", t.patient(),
                        Fixtures.careTeam(t.patient(), Fixtures.account("provider", orgA, null))).statusCode()),
                new Endpoint("GET proxies", (token, t) -> as(token).get("/api/v1/patients/{p}/proxies", t.patient()).statusCode()),
                new Endpoint("POST proxy", (token, t) -> json(token)
                        .body(Map.of("proxyAccountId", Fixtures.account("patient", null, null).toString(), "relationship", "caregiver"))
                        .post("/api/v1/patients/{p}/proxies", t.patient()).statusCode()),
                new Endpoint("DELETE proxy", (token, t) -> as(token).delete("/api/v1/patients/{p}/proxies/{x}", t.patient(),
                        Fixtures.proxy(t.patient(), Fixtures.account("patient", null, null), "caregiver")).statusCode()),

                new Endpoint("GET summary", (token, t) -> as(token).get(chart, t.patient()).statusCode()),
                new Endpoint("GET entries", (token, t) -> as(token).get(chart + "/entries", t.patient()).statusCode()),
                new Endpoint("GET entry", (token, t) -> as(token).get(chart + "/entries/{e}", t.patient(), t.entry()).statusCode()),
                new Endpoint("GET history", (token, t) -> as(token).get(chart + "/entries/{e}/history", t.patient(), t.entry())
                        .statusCode()),
                new Endpoint("GET changes", (token, t) -> as(token).get(chart + "/changes", t.patient()).statusCode()),
                new Endpoint("GET document", (token, t) -> as(token).get(chart + "/documents/{d}/content", t.patient(), t.document())
                        .statusCode()),

                new Endpoint("POST entry", (token, t) -> json(token).header("Idempotency-Key", UUID.randomUUID().toString())
                        .body(condition("Asthma")).post(chart + "/entries", t.patient()).statusCode()),
                new Endpoint("PUT entry", (token, t) -> json(token).header("If-Match", "*")
                        .body(withReason(condition("Asthma, controlled"), "Better now"))
                        .put(chart + "/entries/{e}", t.patient(), Fixtures.entry(t.patient(), "condition", false, staffA)).statusCode()),
                new Endpoint("POST retraction", (token, t) -> json(token).body(Map.of("reason", "Wrong patient"))
                        .post(chart + "/entries/{e}/retraction", t.patient(), Fixtures.entry(t.patient(), "condition", false, staffA))
                        .statusCode()),
                new Endpoint("POST document", (token, t) -> as(token).contentType("application/pdf").body(PDF)
                        .post(chart + "/documents", t.patient()).statusCode()),

                new Endpoint("GET amendments", (token, t) -> as(token).get("/api/v1/patients/{p}/amendments", t.patient()).statusCode()),
                new Endpoint("GET amendment", (token, t) -> as(token).get("/api/v1/patients/{p}/amendments/{a}", t.patient(),
                        Fixtures.amendment(t.patient(), t.entry(), t.account(), "requested")).statusCode()),
                new Endpoint("POST amendment", (token, t) -> json(token)
                        .body(Map.of("entryId", t.entry().toString(), "reason", "I never had this"))
                        .post("/api/v1/patients/{p}/amendments", t.patient()).statusCode()),
                new Endpoint("POST decision", (token, t) -> json(token).body(Map.of("decision", "deny", "reason", "The entry is right"))
                        .post("/api/v1/patients/{p}/amendments/{a}/decision", t.patient(),
                                Fixtures.amendment(t.patient(), t.entry(), t.account(), "requested")).statusCode()),
                new Endpoint("POST disagreement", (token, t) -> json(token).body(Map.of("statement", "I still disagree"))
                        .post("/api/v1/patients/{p}/amendments/{a}/disagreement", t.patient(),
                                Fixtures.amendment(t.patient(), t.entry(), t.account(), "denied")).statusCode()),

                new Endpoint("GET grants", (token, t) -> as(token).get("/api/v1/patients/{p}/grants", t.patient()).statusCode()),
                new Endpoint("POST grant", (token, t) -> json(token)
                        .body(Map.of("granteeType", "provider", "granteeId", Fixtures.account("provider", orgB, null).toString(),
                                "categories", List.of("condition"), "purpose", "treatment"))
                        .post("/api/v1/patients/{p}/grants", t.patient()).statusCode()),
                new Endpoint("DELETE grant", (token, t) -> as(token).delete("/api/v1/patients/{p}/grants/{g}", t.patient(),
                        Fixtures.grant(t.patient(), "provider", Fixtures.account("provider", orgB, null), "condition")).statusCode()),
                new Endpoint("GET share-links", (token, t) -> as(token).get("/api/v1/patients/{p}/share-links", t.patient()).statusCode()),
                new Endpoint("POST share-link", (token, t) -> json(token)
                        .body(Map.of("categories", List.of("allergy"), "expiresAt", Instant.now().plus(1, ChronoUnit.DAYS).toString()))
                        .post("/api/v1/patients/{p}/share-links", t.patient()).statusCode()),
                new Endpoint("DELETE share-link", (token, t) -> as(token).delete("/api/v1/patients/{p}/share-links/{l}", t.patient(),
                        shareLink(t)).statusCode()),
                new Endpoint("GET disclosures", (token, t) -> as(token).get("/api/v1/patients/{p}/disclosures", t.patient()).statusCode()),

                new Endpoint("GET access-log", (token, t) -> as(token).get("/api/v1/patients/{p}/access-log", t.patient()).statusCode()),

                new Endpoint("POST break-glass", (token, t) -> json(token).body(Map.of("reason", REASON))
                        .post("/api/v1/patients/{p}/break-glass", t.patient()).statusCode()));
    }

    private static UUID shareLink(Target t) {
        UUID id = UUID.randomUUID();
        Db.update("insert into share_link (id, patient_id, token_hash, categories, expires_at, created_by) "
                + "values (?, ?, ?, '{condition}', now() + interval '1 day', ?)", id, t.patient(), "test-" + id, t.account());
        return id;
    }

    static Map<String, Object> condition(String display) {
        return Map.of("category", "condition", "status", "active",
                "code", Map.of("system", "http://snomed.info/sct", "code", "38341003", "display", display),
                "effectiveAt", Instant.now().minus(1, ChronoUnit.HOURS).toString());
    }

    static Map<String, Object> withReason(Map<String, Object> body, String reason) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put("reason", reason);
        return copy;
    }

    private static void check(List<Endpoint> endpoints, String role, String target, String token, Target t, String[] expected,
                              List<String> mismatches) {
        assertEquals(endpoints.size(), expected.length, role + " " + target + ": one expectation per endpoint");
        for (int i = 0; i < endpoints.size(); i++) {
            int actual = endpoints.get(i).call().apply(token, t);
            if (!String.valueOf(actual).equals(expected[i])) {
                mismatches.add(String.format("%-18s %-15s %-18s expected %s, got %d", role, target, endpoints.get(i).name(),
                        expected[i], actual));
            }
        }
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).when();
    }

    private static RequestSpecification json(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).when();
    }
}
