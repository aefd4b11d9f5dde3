package org.carechart.identity;

import io.quarkus.test.junit.QuarkusTest;
import org.carechart.embedded.DemoAccounts;
import org.carechart.support.Db;
import org.carechart.support.LogCapture;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11, "Hardening": refused bearer tokens (401s) are security events in the audit trail, and the log
 * says so in at most one rate-limited line, never with the token. The requests speak as another client
 * (X-Forwarded-For, trusted from loopback in the test profile) so their rows are known by address.
 */
@QuarkusTest
class RefusedTokenEventsTest {

    @Test
    void forgedExpiredAndMalformedTokensAreRecordedAsSecurityEventsWithARateLimitedLogLine() {
        String address = "10.211." + ThreadLocalRandom.current().nextInt(1, 250) + "." + ThreadLocalRandom.current().nextInt(1, 250);
        String good = Tokens.patient(DemoAccounts.ALICE_ACCOUNT, DemoAccounts.ALICE_PATIENT);
        String forged = good.substring(0, good.length() - 6) + (good.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
        String expired = Tokens.claims(DemoAccounts.ALICE_ACCOUNT, "Alice", "patient")
                .claim("patient_id", DemoAccounts.ALICE_PATIENT.toString())
                .issuedAt(System.currentTimeMillis() / 1000 - 3600).expiresAt(System.currentTimeMillis() / 1000 - 1800).sign();
        List<String> refused = List.of(forged, forged + "x", expired, "not.a.jwt", expired);
        try (LogCapture log = LogCapture.start()) {
            for (String token : refused) {
                given().header("X-Forwarded-For", address).auth().oauth2(token)
                        .when().get("/api/v1/patients/" + DemoAccounts.ALICE_PATIENT + "/chart/entries")
                        .then().statusCode(401).contentType("application/problem+json");
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(List.of(
                            List.of("token-refused", "denied", "access-token", "invalid", String.valueOf(refused.size()))),
                    Db.rows("select action, outcome, resource_type, resource_id, count(*) from audit_event "
                            + "where client_address = ? group by 1, 2, 3, 4", address)));
            List<String> lines = log.mentioning("bearer token(s)");
            assertTrue(lines.size() <= 1, "at most one summary line: " + lines);
            for (String token : refused) {
                String signature = token.substring(Math.max(0, token.length() - 20));
                assertEquals(List.of(), log.mentioning(signature), "the token is never logged");
            }
            assertEquals(List.of(), log.errors());
        }
        // A good token from the same client is not a refusal.
        given().header("X-Forwarded-For", address).auth().oauth2(good)
                .when().get("/api/v1/patients/" + DemoAccounts.ALICE_PATIENT + "/chart/entries")
                .then().statusCode(200);
        assertEquals(List.of(List.of(String.valueOf(refused.size()))),
                Db.rows("select count(*) from audit_event where client_address = ? and action = 'token-refused'", address));
    }
}
