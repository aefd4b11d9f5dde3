package org.carechart.identity;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 11: a 1 MB password on /auth/token gave a 500 and ~6,500 log lines; now one 413 and one short line. */
@QuarkusTest
class OversizedFormTest {

    @Test
    void anOversizedFormBodyOnTheTokenEndpointIsOne413AndOneShortLogLine() {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                    records.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            given().contentType("application/x-www-form-urlencoded")
                    .formParam("grant_type", "password").formParam("username", "alice")
                    .formParam("password", "a".repeat(1024 * 1024))
                    .when().post("/api/v1/auth/token")
                    .then().statusCode(413).contentType("application/problem+json")
                    .body("type", equalTo("https://carechart.org/problems/payload-too-large"));
            // The same for a refresh token and for revocation.
            given().contentType("application/x-www-form-urlencoded")
                    .formParam("token", "t".repeat(200_000))
                    .when().post("/api/v1/auth/revoke")
                    .then().statusCode(413).contentType("application/problem+json");
        } finally {
            root.removeHandler(capture);
        }
        assertTrue(records.size() <= 2, records.size() + " log records: " + records.stream().limit(5)
                .map(r -> r.getLoggerName() + ": " + String.valueOf(r.getMessage()).substring(0, Math.min(200,
                        String.valueOf(r.getMessage()).length()))).toList());
        for (LogRecord record : records) {
            assertTrue(String.valueOf(record.getMessage()).length() < 200 && record.getThrown() == null,
                    "short, without a stack trace: " + record.getMessage());
        }
    }
}
