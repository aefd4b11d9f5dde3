package org.carechart.chart;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.carechart.support.Db;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ChartWritingTest {

    static Map<String, Object> condition(String display) {
        return Map.of("category", "condition", "status", "active",
                "code", Map.of("system", "http://snomed.info/sct", "code", "38341003", "display", display),
                "effectiveAt", Instant.now().minus(1, ChronoUnit.HOURS).toString());
    }

    static Map<String, Object> lab(double value) {
        return Map.of("category", "observation", "status", "final",
                "code", Map.of("system", "http://loinc.org", "code", "4548-4", "display", "Hemoglobin A1c"),
                "effectiveAt", Instant.now().minus(1, ChronoUnit.HOURS).toString(),
                "valueQuantity", value, "valueUnit", "%", "referenceLow", 4.0, "referenceHigh", 5.6);
    }

    static ExtractableResponse<Response> add(ChartFixtures f, String token, Object body, String key) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post("/api/v1/patients/" + f.patient + "/chart/entries").then().extract();
    }

    private static long versions(UUID entry) {
        return Db.count("select count(*) from chart_entry_version where entry_id = ?", entry);
    }

    @Test
    void aCareTeamProviderAddsAnEntryThatIsAnnouncedAndAudited() {
        ChartFixtures f = ChartFixtures.adult();
        var created = add(f, f.providerToken(), condition("Hypertensive disorder"), UUID.randomUUID().toString());
        assertEquals(201, created.statusCode());
        String id = created.path("id");
        assertTrue(created.header("Location").endsWith("/api/v1/patients/" + f.patient + "/chart/entries/" + id));
        String etag = created.header("ETag");
        given().auth().oauth2(f.patientToken()).when().get("/api/v1/patients/" + f.patient + "/chart/entries/" + id)
                .then().statusCode(200).header("ETag", equalTo(etag)).body("version", equalTo(1))
                .body("code.display", equalTo("Hypertensive disorder")).body("authorId", equalTo(f.provider.toString()));
        assertEquals(1, f.events());
        assertEquals(1, Db.count("select count(*) from notification_event where patient_id = ? and kind = 'entry.added' and resource_id = ? and title = 'New chart entry'",
                f.patient, id));
        assertEquals(1, f.audits("create"));
    }

    @Test
    void aLabResultIsAnnouncedAsOneAndFlaggedAbnormal() {
        ChartFixtures f = ChartFixtures.adult();
        var created = add(f, f.staffToken(), lab(7.2), UUID.randomUUID().toString());
        assertEquals(201, created.statusCode());
        assertEquals("H", created.path("interpretation"));
        assertEquals(true, created.path("abnormal"));
        assertEquals(1, Db.count("select count(*) from notification_event where patient_id = ? and kind = 'lab.result.added' and title = 'New lab result'", f.patient));
        given().auth().oauth2(f.patientToken()).when().get("/api/v1/patients/" + f.patient + "/chart")
                .then().statusCode(200).body("recentLabResults[0].abnormal", equalTo(true));
    }

    @Test
    void aRetryWithTheSameKeyReturnsTheFirstAnswerAndWritesNothing() {
        ChartFixtures f = ChartFixtures.adult();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = condition("Asthma");
        var first = add(f, f.providerToken(), body, key);
        var retry = add(f, f.providerToken(), new java.util.TreeMap<>(body), key);
        assertEquals(201, first.statusCode());
        assertEquals(201, retry.statusCode());
        assertEquals(first.header("Location"), retry.header("Location"));
        assertEquals(first.asString(), retry.asString());
        assertEquals(1, Db.count("select count(*) from chart_entry where patient_id = ?", f.patient));
        assertEquals(1, f.events());
        assertEquals(1, f.audits("create"));

        given().auth().oauth2(f.providerToken()).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(condition("Something else"))
                .when().post("/api/v1/patients/" + f.patient + "/chart/entries")
                .then().statusCode(422).contentType("application/problem+json");
        // Keys are per caller: the same key from someone else is a new request.
        assertEquals(201, add(f, f.staffToken(), body, key).statusCode());
        assertEquals(2, Db.count("select count(*) from chart_entry where patient_id = ?", f.patient));
        // The same key and body for another patient is another request.
        ChartFixtures other = ChartFixtures.adult();
        given().auth().oauth2(f.staffToken()).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post("/api/v1/patients/" + other.patient + "/chart/entries").then().statusCode(422);
        assertEquals(0, Db.count("select count(*) from chart_entry where patient_id = ?", other.patient));
    }

    @Test
    void withoutAnIdempotencyKeyNothingIsWritten() {
        ChartFixtures f = ChartFixtures.adult();
        given().auth().oauth2(f.providerToken()).contentType(ContentType.JSON).body(condition("Asthma"))
                .when().post("/api/v1/patients/" + f.patient + "/chart/entries")
                .then().statusCode(400).body("errors[0].field", equalTo("Idempotency-Key"));
        assertEquals(0, Db.count("select count(*) from chart_entry where patient_id = ?", f.patient));
    }

    @Test
    void badEntriesAreRefusedWithEveryFieldNamedAndNothingWritten() {
        ChartFixtures f = ChartFixtures.adult();
        Map<String, Object> bad = Map.of("category", "gossip", "status", "active",
                "code", Map.of("system", "http://example.org/codes", "code", "1", "display", "x".repeat(501)),
                "effectiveAt", Instant.now().plus(1, ChronoUnit.HOURS).toString(), "body", "y".repeat(20_001));
        given().auth().oauth2(f.providerToken()).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(bad).when().post("/api/v1/patients/" + f.patient + "/chart/entries")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://carechart.org/problems/validation"))
                .body("errors.field", containsInAnyOrder("category", "code.system", "code.display", "effectiveAt", "body"));
        Map<String, Object> noValue = Map.of("category", "observation", "status", "final",
                "code", Map.of("system", "http://loinc.org", "code", "2345-7", "display", "Glucose"),
                "effectiveAt", Instant.now().toString());
        given().auth().oauth2(f.providerToken()).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(noValue).when().post("/api/v1/patients/" + f.patient + "/chart/entries")
                .then().statusCode(400).body("errors.field", hasItem("valueQuantity"));
        given().auth().oauth2(f.providerToken()).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{not json").when().post("/api/v1/patients/" + f.patient + "/chart/entries")
                .then().statusCode(400).contentType("application/problem+json");
        assertEquals(0, Db.count("select count(*) from chart_entry where patient_id = ?", f.patient));
        assertEquals(0, f.events());
    }

    @Test
    void patientsAndStrangersCannotWrite() {
        ChartFixtures f = ChartFixtures.adult();
        assertEquals(403, add(f, f.patientToken(), condition("Asthma"), UUID.randomUUID().toString()).statusCode());
        assertEquals(404, add(f, Tokens.drShaw(), condition("Asthma"), UUID.randomUUID().toString()).statusCode());
        assertEquals(404, add(f, Tokens.drLee(), condition("Asthma"), UUID.randomUUID().toString()).statusCode());
        assertEquals(0, Db.count("select count(*) from chart_entry where patient_id = ?", f.patient));
    }

    @Test
    void anUpdateNeedsIfMatchAndWritesANewVersionWithAReason() {
        ChartFixtures f = ChartFixtures.adult();
        var created = add(f, f.providerToken(), condition("Hypertensive disorder"), UUID.randomUUID().toString());
        String id = created.path("id");
        String etag = created.header("ETag");
        String url = "/api/v1/patients/" + f.patient + "/chart/entries/" + id;
        var change = new java.util.HashMap<>(condition("Hypertensive disorder, controlled"));
        change.put("status", "resolved");
        change.put("reason", "Blood pressure normal for six months");

        given().auth().oauth2(f.providerToken()).contentType(ContentType.JSON).body(change).when().put(url)
                .then().statusCode(428).contentType("application/problem+json");
        given().auth().oauth2(f.providerToken()).contentType(ContentType.JSON).header("If-Match", "\"stale\"").body(change)
                .when().put(url).then().statusCode(412);
        var noReason = new java.util.HashMap<>(change);
        noReason.remove("reason");
        given().auth().oauth2(f.providerToken()).contentType(ContentType.JSON).header("If-Match", etag).body(noReason)
                .when().put(url).then().statusCode(400).body("errors.field", hasItem("reason"));
        assertEquals(1, versions(UUID.fromString(id)));

        String newTag = given().auth().oauth2(f.staffToken()).contentType(ContentType.JSON).header("If-Match", etag).body(change)
                .when().put(url).then().statusCode(200).body("version", equalTo(2)).body("status", equalTo("resolved"))
                .header("ETag", not(equalTo(etag))).extract().header("ETag");
        given().auth().oauth2(f.patientToken()).when().get(url + "/history").then().statusCode(200)
                .body("versions", hasSize(2))
                .body("versions[0].entry.code.display", equalTo("Hypertensive disorder"))
                .body("versions[1].entry.code.display", equalTo("Hypertensive disorder, controlled"))
                .body("versions[1].reason", equalTo("Blood pressure normal for six months"))
                .body("versions[1].authorName", equalTo("Test staff " + f.staff.toString().substring(0, 8)));
        given().auth().oauth2(f.patientToken()).header("If-None-Match", newTag).when().get(url).then().statusCode(304);
        assertEquals(2, f.events());
        assertEquals(1, Db.count("select count(*) from notification_event where patient_id = ? and kind = 'entry.changed'", f.patient));
        assertEquals(1, f.audits("update"));
    }

    @Test
    void twoWritersRacingWithTheSameIfMatchCannotBothWin() throws Exception {
        ChartFixtures f = ChartFixtures.adult();
        var created = add(f, f.providerToken(), condition("Asthma"), UUID.randomUUID().toString());
        String url = "/api/v1/patients/" + f.patient + "/chart/entries/" + created.path("id");
        String etag = created.header("ETag");
        List<CompletableFuture<Integer>> writers = Stream.of("Asthma, mild", "Asthma, moderate").map(display -> {
            var change = new java.util.HashMap<>(condition(display));
            change.put("reason", "Reassessed");
            return CompletableFuture.supplyAsync(() -> given().auth().oauth2(f.providerToken()).contentType(ContentType.JSON)
                    .header("If-Match", etag).body(change).when().put(url).then().extract().statusCode());
        }).toList();
        List<Integer> statuses = writers.stream().map(CompletableFuture::join).sorted().toList();
        assertEquals(List.of(200, 412), statuses);
        assertEquals(2, versions(UUID.fromString(created.path("id"))));
        assertEquals(1, Db.count("select count(*) from notification_event where patient_id = ? and kind = 'entry.changed'", f.patient));
    }

    @Test
    void aRetractionKeepsTheHistoryAndHidesTheEntryFromDefaultLists() {
        ChartFixtures f = ChartFixtures.adult();
        var created = add(f, f.providerToken(), condition("Asthma"), UUID.randomUUID().toString());
        String id = created.path("id");
        String base = "/api/v1/patients/" + f.patient + "/chart";
        given().auth().oauth2(f.providerToken()).contentType(ContentType.JSON).body(Map.of())
                .when().post(base + "/entries/" + id + "/retraction").then().statusCode(400).body("errors[0].field", equalTo("reason"));
        given().auth().oauth2(f.providerToken()).contentType(ContentType.JSON).body(Map.of("reason", "Wrong patient"))
                .when().post(base + "/entries/" + id + "/retraction").then().statusCode(200)
                .body("status", equalTo("entered-in-error")).body("version", equalTo(2));
        given().auth().oauth2(f.providerToken()).contentType(ContentType.JSON).body(Map.of("reason", "Again"))
                .when().post(base + "/entries/" + id + "/retraction").then().statusCode(409);
        given().auth().oauth2(f.patientToken()).when().get(base + "/entries").then().statusCode(200).body("items", hasSize(0));
        given().auth().oauth2(f.patientToken()).queryParam("status", "entered-in-error").when().get(base + "/entries")
                .then().statusCode(200).body("items.id", equalTo(List.of(id)));
        given().auth().oauth2(f.patientToken()).when().get(base + "/entries/" + id + "/history").then().statusCode(200)
                .body("versions.entry.status", equalTo(List.of("active", "entered-in-error")))
                .body("versions[1].reason", equalTo("Wrong patient"));
        assertEquals(1, Db.count("select count(*) from notification_event where patient_id = ? and kind = 'entry.retracted' and title = 'Chart entry retracted'", f.patient));
        assertEquals(1, f.audits("retract"));
        assertEquals(2, f.events());
    }

    @Test
    void theChangeFeedReturnsWhatChangedSinceTheToken() {
        ChartFixtures f = ChartFixtures.adult();
        String base = "/api/v1/patients/" + f.patient + "/chart/changes";
        UUID old = f.condition("Asthma", false, Instant.now().minus(10, ChronoUnit.DAYS));
        var everything = given().auth().oauth2(f.patientToken()).when().get(base).then().statusCode(200)
                .body("changes.id", equalTo(List.of(old.toString()))).body("nextToken", notNullValue()).extract();
        String token = everything.path("nextToken");
        given().auth().oauth2(f.patientToken()).queryParam("since", token).when().get(base).then().statusCode(200)
                .body("changes", hasSize(0));

        var created = add(f, f.providerToken(), condition("Hypertensive disorder"), UUID.randomUUID().toString());
        given().auth().oauth2(f.providerToken()).contentType(ContentType.JSON).body(Map.of("reason", "Duplicate"))
                .when().post("/api/v1/patients/" + f.patient + "/chart/entries/" + old + "/retraction").then().statusCode(200);
        var delta = given().auth().oauth2(f.patientToken()).queryParam("since", token).when().get(base).then().statusCode(200)
                .body("changes.id", equalTo(List.of(created.path("id"), old.toString())))
                .body("changes[1].status", equalTo("entered-in-error")).extract();
        given().auth().oauth2(f.patientToken()).queryParam("since", (String) delta.path("nextToken")).when().get(base)
                .then().statusCode(200).body("changes", hasSize(0));
    }

    @Test
    void forgedMalformedForeignAndExpiredTokensAskForAResync() {
        ChartFixtures f = ChartFixtures.adult();
        ChartFixtures other = ChartFixtures.adult();
        f.condition("Asthma", false, Instant.now().minus(1, ChronoUnit.DAYS));
        String base = "/api/v1/patients/" + f.patient + "/chart/changes";
        String token = given().auth().oauth2(f.patientToken()).when().get(base).then().statusCode(200).extract().path("nextToken");
        String otherToken = given().auth().oauth2(other.patientToken()).when().get("/api/v1/patients/" + other.patient + "/chart/changes")
                .then().statusCode(200).extract().path("nextToken");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));
        String forgedPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(payload.replaceFirst("\\|\\d+\\|", "|0|").getBytes());
        String forged = forgedPayload + token.substring(token.indexOf('.'));
        String expired = sign("1|" + f.patient + "|0|" + Instant.now().minus(31, ChronoUnit.DAYS).getEpochSecond());
        String fresh = sign("1|" + f.patient + "|0|" + Instant.now().getEpochSecond());
        for (String bad : List.of("garbage", forged, otherToken, expired, token + "x")) {
            given().auth().oauth2(f.patientToken()).queryParam("since", bad).when().get(base)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("detail", org.hamcrest.Matchers.containsString("resync from scratch"));
        }
        given().auth().oauth2(f.patientToken()).queryParam("since", fresh).when().get(base).then().statusCode(200);
    }

    @Test
    void aBreakTheGlassProviderMayWriteAndTheAuditSaysSo() {
        ChartFixtures f = ChartFixtures.adult();
        Db.update("insert into break_glass_session (id, patient_id, provider_id, reason, starts_at, expires_at)"
                + " values (?, ?, ?, 'Unconscious in the emergency room', now() - interval '1 minute', now() + interval '1 hour')",
                UUID.randomUUID(), f.patient, org.carechart.embedded.DemoAccounts.DR_SHAW);
        assertEquals(201, add(f, Tokens.drShaw(), condition("Asthma"), UUID.randomUUID().toString()).statusCode());
        assertEquals(1, Db.count("select count(*) from audit_event where patient_id = ? and action = 'create' and basis = 'break-the-glass'",
                f.patient));
    }

    @Test
    void twoConcurrentRequestsWithOneKeyWriteOnce() {
        ChartFixtures f = ChartFixtures.adult();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = condition("Asthma");
        List<CompletableFuture<ExtractableResponse<Response>>> calls = Stream.of(1, 2)
                .map(n -> CompletableFuture.supplyAsync(() -> add(f, f.providerToken(), body, key))).toList();
        List<ExtractableResponse<Response>> answers = calls.stream().map(CompletableFuture::join).toList();
        assertEquals(201, answers.get(0).statusCode());
        assertEquals(201, answers.get(1).statusCode());
        assertEquals(answers.get(0).header("Location"), answers.get(1).header("Location"));
        assertEquals(1, Db.count("select count(*) from chart_entry where patient_id = ?", f.patient));
        assertEquals(1, f.events());
    }

    /** Signs like the service does with the development secret the test run uses. */
    private static String sign(String payload) {
        try {
            var mac = javax.crypto.Mac.getInstance("HmacSHA256");
            // the secret the running service was given (the suite sets one, as production must)
            String secret = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                    .getOptionalValue("carechart.chart.change-token-secret", String.class).orElse(ChartConfig.DEV_CHANGE_TOKEN_SECRET);
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(), "HmacSHA256"));
            var enc = java.util.Base64.getUrlEncoder().withoutPadding();
            return enc.encodeToString(payload.getBytes()) + "." + enc.encodeToString(mac.doFinal(payload.getBytes()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
