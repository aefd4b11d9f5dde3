package org.carechart.crosscheck;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.carechart.embedded.DemoAccounts;
import org.carechart.support.Db;
import org.carechart.support.Fixtures;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of change that announces and records itself, on one patient, at once: chart writes by
 * the care team, grants made and revoked by the patient, share-link uses, break-the-glass sessions,
 * and reads between them. They share the patient's audience (the same inbox counters), so a
 * finishing step that took its locks in different orders would deadlock here; the one finishing step
 * (events, then the unsealed audit row) must leave PostgreSQL with no deadlock and every caller with
 * an answer that is not a 5xx, and the patient's audit chain whole.
 */
@QuarkusTest
class UnitOfWorkConcurrencyTest {

    private static final int THREADS = 32;
    private static final int ROUNDS = 40;

    @Test
    void chartWritesGrantsShareLinkUsesAndBreakTheGlassOnOnePatientNeverDeadlockOrFail() throws Exception {
        UUID organization = Fixtures.organization();
        UUID patient = Fixtures.patient(organization);
        UUID patientAccount = Fixtures.account("patient", organization, patient);
        String patientToken = Tokens.patient(patientAccount, patient);
        List<String> careTeam = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            UUID provider = Fixtures.account("provider", organization, null);
            Fixtures.careTeam(patient, provider);
            careTeam.add(Tokens.provider(provider, organization));
        }
        List<UUID> grantees = new ArrayList<>();
        List<String> emergencyProviders = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            grantees.add(Fixtures.account("provider", organization, null));
            emergencyProviders.add(Tokens.provider(Fixtures.account("provider", organization, null), organization));
        }
        List<String> linkPaths = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            linkPaths.add(given().auth().oauth2(patientToken).contentType(ContentType.JSON)
                    .body(Map.of("label", "concurrency " + i, "categories", List.of("observation", "allergy"),
                            "expiresAt", Instant.now().plus(1, ChronoUnit.DAYS).toString()))
                    .when().post("/api/v1/patients/{p}/share-links", patient)
                    .then().statusCode(201).extract().<String>path("path"));
        }
        long deadlocksBefore = deadlocks();
        String base = "http://localhost:" + RestAssured.port;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String entry = """
                {"category":"observation","status":"final","code":{"system":"http://loinc.org","code":"8867-4","display":"Heart rate"},
                 "effectiveAt":"2026-11-20T09:30:00Z","valueQuantity":72,"valueUnit":"/min"}""";

        List<Callable<String>> work = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            int r = round;
            work.add(() -> send(http, post(base + "/api/v1/patients/" + patient + "/chart/entries", careTeam.get(r % 4), entry), "chart-write"));
            work.add(() -> send(http, post(base + "/api/v1/patients/" + patient + "/grants", patientToken,
                    "{\"granteeType\":\"provider\",\"granteeId\":\"" + grantees.get(r % grantees.size())
                            + "\",\"categories\":[\"observation\"],\"purpose\":\"treatment\"}"), "grant"));
            work.add(() -> send(http, get(base + linkPaths.get(r % linkPaths.size()), null), "share-link-use"));
            work.add(() -> send(http, post(base + "/api/v1/patients/" + patient + "/break-glass",
                    emergencyProviders.get(r % emergencyProviders.size()), "{\"reason\":\"Unconscious in the emergency department\"}"), "break-glass"));
            work.add(() -> send(http, get(base + "/api/v1/patients/" + patient + "/chart/entries", careTeam.get((r + 1) % 4)), "chart-read"));
            work.add(() -> send(http, get(base + "/api/v1/patients/" + patient + "/grants", patientToken), "grant-list"));
        }
        Collections.shuffle(work, new java.util.Random(12));

        Map<String, Integer> outcomes = new TreeMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (Future<String> done : pool.invokeAll(work)) {
                outcomes.merge(done.get(), 1, Integer::sum);
            }
        } finally {
            pool.shutdownNow();
        }

        int operations = ROUNDS * 6;
        assertEquals(operations, outcomes.values().stream().mapToInt(Integer::intValue).sum());
        assertTrue(outcomes.keySet().stream().noneMatch(k -> k.endsWith(" 5xx") || k.endsWith(" error")), outcomes::toString);
        assertEquals(Map.of("break-glass 2xx", ROUNDS, "chart-read 2xx", ROUNDS, "chart-write 2xx", ROUNDS,
                "grant 2xx", ROUNDS, "grant-list 2xx", ROUNDS, "share-link-use 2xx", ROUNDS), outcomes);
        assertEquals(deadlocksBefore, deadlocks(), "PostgreSQL detected a deadlock");

        // Every change and every read left its record, and the patient's chain is whole.
        assertEquals(ROUNDS, Db.count("select count(*) from chart_entry where patient_id = ?", patient));
        var report = given().auth().oauth2(Tokens.admin(DemoAccounts.ADMIN)).queryParam("patientId", patient)
                .when().get("/api/v1/audit/verification").then().statusCode(200).extract().jsonPath();
        assertTrue(report.getBoolean("intact"), report::prettify);
        assertTrue(report.getLong("events") >= operations + 4, report::prettify);
    }

    private static long deadlocks() {
        return Db.count("select deadlocks from pg_stat_database where datname = current_database()");
    }

    private static HttpRequest post(String url, String token, String json) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static HttpRequest get(String url, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    private static String send(HttpClient http, HttpRequest request, String kind) {
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return kind + " " + (status / 100) + "xx";
        } catch (Exception e) {
            return kind + " error";
        }
    }
}
