package org.carechart.notification;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.carechart.chart.ChartFixtures;
import org.carechart.embedded.DemoAccounts;
import org.carechart.support.Db;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The real path end to end: a provider writes through the chart endpoints, and the patient, their
 * parent proxy and another care-team provider hear of it on open WebSockets and SSE, once each,
 * with ids and a title only. Failed writes announce nothing; the writer is not told of their own write.
 */
@QuarkusTest
class LiveChartUpdatesTest {

    static final Duration PATIENCE = Duration.ofSeconds(15);
    /** How long "nothing arrives" is watched for. */
    static final Duration QUIET = Duration.ofSeconds(2);
    static final List<String> KEYS = List.of("seq", "id", "kind", "patientId", "category", "resourceId", "title", "createdAt");

    /** A lab result whose value, unit and display must never appear in a notification. */
    static Map<String, Object> labResult() {
        return Map.of("category", "observation", "status", "final",
                "code", Map.of("system", "http://loinc.org", "code", "4548-4", "display", "Hemoglobin A1c"),
                "effectiveAt", Instant.now().minus(1, ChronoUnit.HOURS).toString(),
                "valueQuantity", 48.3, "valueUnit", "mmol/mol", "referenceLow", 20, "referenceHigh", 42);
    }

    static Map<String, Object> condition() {
        return Map.of("category", "condition", "status", "active",
                "code", Map.of("system", "http://snomed.info/sct", "code", "38341003", "display", "Hypertensive disorder"),
                "effectiveAt", Instant.now().minus(1, ChronoUnit.HOURS).toString());
    }

    static String add(UUID patient, String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(body).when().post("/api/v1/patients/" + patient + "/chart/entries")
                .then().statusCode(201).extract().path("id");
    }

    static String etag(UUID patient, String token, String entry) {
        return given().auth().oauth2(token).when().get("/api/v1/patients/" + patient + "/chart/entries/" + entry)
                .then().statusCode(200).extract().header("ETag");
    }

    static long lastSeq(String token) {
        return given().auth().oauth2(token).when().get("/api/v1/notifications")
                .then().statusCode(200).extract().<Number>path("lastSeq").longValue();
    }

    static UUID newCareTeamProvider(UUID patient) {
        UUID account = UUID.randomUUID();
        Db.update("""
                insert into account (id, username, password_hash, display_name, roles, organization_id)
                values (?, ?, 'x', 'Dr Second', array['provider'], ?)""", account, "d2-" + account, DemoAccounts.RIVERSIDE);
        Db.update("""
                insert into care_team_member (id, patient_id, provider_id, role, starts_at)
                values (?, ?, ?, 'consultant', now() - interval '1 day')""", UUID.randomUUID(), patient, account);
        return account;
    }

    @Inject
    Vertx vertx;

    @Test
    void chartWritesReachEveryRecipientOnceWithoutClinicalValuesAndFailedWritesNothing() throws Exception {
        ChartFixtures f = ChartFixtures.adult();
        UUID colleague = newCareTeamProvider(f.patient);
        String colleagueToken = Tokens.provider(colleague, DemoAccounts.RIVERSIDE);
        String writer = f.providerToken();

        try (SocketClient patient = SocketClient.open(vertx, "after=0", f.patientToken());
             SocketClient parent = SocketClient.open(vertx, "after=0", f.parentToken());
             SocketClient provider = SocketClient.open(vertx, "after=0", colleagueToken);
             SocketClient actor = SocketClient.open(vertx, "after=0", writer);
             SseStream sse = SseStream.open(f.patientToken(), "after=0")) {
            List<SocketClient> recipients = List.of(patient, parent, provider);

            String lab = add(f.patient, writer, labResult());
            await().atMost(PATIENCE).until(() -> recipients.stream().allMatch(s -> s.frames.size() == 1) && sse.data.size() == 1);
            for (SocketClient socket : recipients) {
                String frame = socket.frames.get(0);
                JsonObject message = new JsonObject(frame);
                assertEquals(KEYS, List.copyOf(message.fieldNames()));
                assertEquals("lab.result.added", message.getString("kind"));
                assertEquals(f.patient.toString(), message.getString("patientId"));
                assertEquals("observation", message.getString("category"));
                assertEquals(lab, message.getString("resourceId"));
                assertEquals("New lab result", message.getString("title"));
                assertEquals(1L, message.getLong("seq"), "a fresh inbox starts at 1");
                for (String clinical : List.of("Hemoglobin", "A1c", "48.3", "mmol", "value", "unit", "display", "reference")) {
                    assertFalse(frame.contains(clinical), "the frame carries no clinical value: " + clinical);
                }
            }
            assertEquals(patient.frames.get(0), sse.data.get(0), "SSE carries the same message as the socket");
            assertEquals(List.of("1"), sse.ids);

            String etag = etag(f.patient, writer, lab);
            given().auth().oauth2(writer).contentType(ContentType.JSON).header("If-Match", etag)
                    .body(withReason(labResult(), "Transcription corrected"))
                    .when().put("/api/v1/patients/" + f.patient + "/chart/entries/" + lab)
                    .then().statusCode(200);
            await().atMost(PATIENCE).until(() -> recipients.stream().allMatch(s -> s.frames.size() == 2) && sse.data.size() == 2);
            for (SocketClient socket : recipients) {
                assertEquals("entry.changed", socket.messages().get(1).getString("kind"));
                assertEquals(lab, socket.messages().get(1).getString("resourceId"));
            }

            // Failed writes: a stale If-Match (412) on a change and on a retraction, and an invalid entry (400).
            long before = lastSeq(f.patientToken());
            given().auth().oauth2(writer).contentType(ContentType.JSON).header("If-Match", etag)
                    .body(withReason(labResult(), "Second correction"))
                    .when().put("/api/v1/patients/" + f.patient + "/chart/entries/" + lab)
                    .then().statusCode(412);
            given().auth().oauth2(writer).contentType(ContentType.JSON).header("If-Match", etag)
                    .body(Map.of("reason", "Wrong patient"))
                    .when().post("/api/v1/patients/" + f.patient + "/chart/entries/" + lab + "/retraction")
                    .then().statusCode(412);
            given().auth().oauth2(writer).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(Map.of("category", "observation", "status", "final",
                            "code", Map.of("system", "http://loinc.org", "code", "4548-4", "display", "Hemoglobin A1c")))
                    .when().post("/api/v1/patients/" + f.patient + "/chart/entries")
                    .then().statusCode(400).contentType("application/problem+json");
            await().during(QUIET).atMost(QUIET.plusSeconds(3))
                    .until(() -> recipients.stream().allMatch(s -> s.frames.size() == 2) && sse.data.size() == 2
                            && actor.frames.isEmpty());
            assertEquals(before, lastSeq(f.patientToken()), "failed writes took no inbox number");
            assertEquals(before, lastSeq(f.parentToken()));
            assertEquals(2, f.events(), "only the two committed writes left an event row");

            given().auth().oauth2(writer).contentType(ContentType.JSON).body(Map.of("reason", "Entered for the wrong patient"))
                    .when().post("/api/v1/patients/" + f.patient + "/chart/entries/" + lab + "/retraction")
                    .then().statusCode(200);
            await().atMost(PATIENCE).until(() -> recipients.stream().allMatch(s -> s.frames.size() == 3) && sse.data.size() == 3);
            for (SocketClient socket : recipients) {
                assertEquals(List.of("lab.result.added", "entry.changed", "entry.retracted"),
                        socket.messages().stream().map(m -> m.getString("kind")).toList());
                assertEquals(List.of(1L, 2L, 3L), socket.seqs());
            }
            assertEquals(List.of("1", "2", "3"), sse.ids);

            // The writer hears nothing of their own writes, and their inbox holds none of them.
            await().during(Duration.ofMillis(500)).atMost(PATIENCE).until(actor.frames::isEmpty);
            assertEquals(0, lastSeq(writer));
            assertNull(actor.closeCode, "the writer's socket stays open");
        }
    }

    @Test
    void aSocketThatReconnectsGetsExactlyTheWritesItMissedInOrder() {
        ChartFixtures f = ChartFixtures.adult();
        String writer = f.providerToken();
        String first;
        try (SocketClient socket = SocketClient.open(vertx, null, f.patientToken())) {
            first = add(f.patient, writer, labResult());
            await().atMost(PATIENCE).until(() -> socket.frames.size() == 1);
            assertEquals(first, socket.messages().get(0).getString("resourceId"));
        }
        // Offline: three writes.
        String condition = add(f.patient, writer, condition());
        String lab = add(f.patient, writer, labResult());
        given().auth().oauth2(writer).contentType(ContentType.JSON).body(Map.of("reason", "Duplicate"))
                .when().post("/api/v1/patients/" + f.patient + "/chart/entries/" + condition + "/retraction")
                .then().statusCode(200);

        try (SocketClient back = SocketClient.open(vertx, "after=1", f.patientToken())) {
            await().atMost(PATIENCE).until(() -> back.frames.size() >= 3);
            await().during(Duration.ofSeconds(1)).atMost(PATIENCE).until(() -> back.frames.size() == 3);
            assertEquals(List.of(2L, 3L, 4L), back.seqs(), "exactly the missed ones, in order, nothing repeated");
            assertEquals(List.of("entry.added", "lab.result.added", "entry.retracted"),
                    back.messages().stream().map(m -> m.getString("kind")).toList());
            assertEquals(List.of(condition, lab, condition),
                    back.messages().stream().map(m -> m.getString("resourceId")).toList());

            // And it is live again afterwards.
            String next = add(f.patient, writer, condition());
            await().atMost(PATIENCE).until(() -> back.frames.size() == 4);
            assertEquals(5L, back.messages().get(3).getLong("seq"));
            assertEquals(next, back.messages().get(3).getString("resourceId"));
        }
    }

    @Test
    void aParentIsNotToldOfSensitiveEntriesOfTheirTeenagerButThePatientIs() {
        ChartFixtures f = ChartFixtures.teen();
        String writer = f.providerToken();
        Map<String, Object> sensitiveLab = new java.util.HashMap<>(labResult());
        sensitiveLab.put("sensitive", true);
        try (SocketClient teen = SocketClient.open(vertx, null, f.patientToken());
             SocketClient parent = SocketClient.open(vertx, null, f.parentToken())) {
            String hidden = add(f.patient, writer, sensitiveLab);
            await().atMost(PATIENCE).until(() -> teen.frames.size() == 1);
            assertEquals(hidden, teen.messages().get(0).getString("resourceId"));
            // The parent may not see the entry (404), so must not learn that it exists either.
            given().auth().oauth2(f.parentToken()).when().get("/api/v1/patients/" + f.patient + "/chart/entries/" + hidden)
                    .then().statusCode(404);
            given().auth().oauth2(writer).contentType(ContentType.JSON).body(Map.of("reason", "Wrong patient"))
                    .when().post("/api/v1/patients/" + f.patient + "/chart/entries/" + hidden + "/retraction")
                    .then().statusCode(200);
            await().atMost(PATIENCE).until(() -> teen.frames.size() == 2);

            String visible = add(f.patient, writer, labResult());
            await().atMost(PATIENCE).until(() -> parent.frames.size() >= 1 && teen.frames.size() == 3);
            await().during(Duration.ofMillis(500)).atMost(PATIENCE).until(() -> parent.frames.size() == 1);
            assertEquals(visible, parent.messages().get(0).getString("resourceId"), "only the entry the parent may see");
            assertEquals(1L, parent.messages().get(0).getLong("seq"));
        }
    }

    @Test
    void aDecisionOnAnAmendmentOfASensitiveEntryIsToldToTheTeenagerNotTheParent() {
        ChartFixtures f = ChartFixtures.teen();
        UUID hidden = f.condition("Sensitive condition", true, Instant.now().minus(3, ChronoUnit.DAYS));
        String base = "/api/v1/patients/" + f.patient + "/amendments";
        String request = given().auth().oauth2(f.patientToken()).contentType(ContentType.JSON)
                .body(Map.of("entryId", hidden.toString(), "reason", "This is not my diagnosis."))
                .when().post(base).then().statusCode(201).extract().path("id");
        try (SocketClient teen = SocketClient.open(vertx, null, f.patientToken());
             SocketClient parent = SocketClient.open(vertx, null, f.parentToken())) {
            given().auth().oauth2(f.staffToken()).contentType(ContentType.JSON)
                    .body(Map.of("decision", "deny", "reason", "The record is correct."))
                    .when().post(base + "/" + request + "/decision").then().statusCode(200);
            await().atMost(PATIENCE).until(() -> teen.frames.size() == 1);
            assertEquals("amendment.decided", teen.messages().get(0).getString("kind"));
            assertEquals(request, teen.messages().get(0).getString("resourceId"));
            given().auth().oauth2(f.parentToken()).when().get(base + "/" + request).then().statusCode(404);
            await().during(Duration.ofSeconds(1)).atMost(PATIENCE).until(parent.frames::isEmpty);
            assertEquals(0, lastSeq(f.parentToken()));
        }
    }

    static Map<String, Object> withReason(Map<String, Object> body, String reason) {
        Map<String, Object> copy = new java.util.HashMap<>(body);
        copy.put("reason", reason);
        return copy;
    }
}
