package org.carechart.crosscheck;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.carechart.support.Db;
import org.carechart.support.Fixtures;
import org.carechart.support.LogCapture;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients that send a request and go away before the answer (as {@code curl --max-time 0.01} does):
 * chart writes, summaries and searches, many at once so they are mid-transaction when the connection
 * drops. Each abandoned unit of work must end as a whole (committed with its version and audit
 * record, or not at all), give its connection back, and log nothing.
 */
@QuarkusTest
class AbandonedRequestsTest {

    private static final int REQUESTS = 120;

    @Test
    void anAbandonedRequestRollsBackOrCommitsQuietlyAndGivesItsConnectionBack() throws Exception {
        UUID organization = Fixtures.organization();
        UUID patient = Fixtures.patient(organization);
        UUID provider = Fixtures.account("provider", organization, null);
        Fixtures.careTeam(patient, provider);
        String token = Tokens.provider(provider, organization);
        String body = """
                {"category":"observation","status":"final","code":{"system":"http://loinc.org","code":"8867-4","display":"Heart rate"},
                 "effectiveAt":"2026-11-20T09:30:00Z","valueQuantity":72,"valueUnit":"/min"}""";
        List<String> requests = List.of(
                "POST /api/v1/patients/" + patient + "/chart/entries HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                        + "\r\nIdempotency-Key: KEY\r\nContent-Type: application/json\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                        + "\r\n\r\n" + body,
                "GET /api/v1/patients/" + patient + "/chart HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token + "\r\n\r\n",
                "GET /api/v1/patients/" + patient + "/chart/entries HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token + "\r\n\r\n");

        try (LogCapture log = LogCapture.start()) {
            ExecutorService pool = Executors.newFixedThreadPool(24);
            try {
                List<Callable<Void>> jobs = new ArrayList<>();
                for (int i = 0; i < REQUESTS; i++) {
                    String request = requests.get(i % requests.size()).replace("KEY", UUID.randomUUID().toString());
                    int wait = i % 4; // 0-3 ms: some go away at once, some a moment into the work
                    jobs.add(() -> {
                        try (Socket socket = new Socket("localhost", RestAssured.port)) {
                            socket.setSoLinger(true, 0); // a reset, like a killed client
                            OutputStream out = socket.getOutputStream();
                            out.write(request.getBytes(StandardCharsets.UTF_8));
                            out.flush();
                            Thread.sleep(wait);
                        }
                        return null;
                    });
                }
                pool.invokeAll(jobs);
            } finally {
                pool.shutdownNow();
            }

            // Every connection came back: many ordinary requests after the abandoned ones all get answers.
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                for (int i = 0; i < 20; i++) {
                    given().auth().oauth2(token).when().get("/api/v1/patients/{p}/chart", patient).then().statusCode(200);
                }
            });
            // Nothing half-written: every entry that exists has its first version and its audit record.
            long entries = Db.count("select count(*) from chart_entry where patient_id = ?", patient);
            assertEquals(entries, Db.count("select count(*) from chart_entry_version v join chart_entry e on e.id = v.entry_id "
                    + "where e.patient_id = ?", patient));
            assertEquals(entries, Db.count("select count(*) from audit_event where patient_id = ? and action = 'create'", patient));
            assertTrue(log.errors().isEmpty(), () -> String.join("\n", log.errors()));
            assertTrue(log.mentioning("HR000").isEmpty(), () -> String.join("\n", log.mentioning("HR000")));
            assertTrue(log.mentioning("Session is closed").isEmpty());
        }
    }
}
