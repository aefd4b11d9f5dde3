package org.carechart.identity;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.carechart.support.Db;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11, "Account lockout reveals which usernames exist": no lockout any more, but throttling
 * per (username, client address). In the test profile two wrong passwords are free and the third
 * makes that address wait 2 s (doubling with every further one). Clients speak through
 * X-Forwarded-For, trusted from loopback in the test profile.
 */
@QuarkusTest
class SignInThrottleTest {

    private static final String PASSWORD = "correct horse battery";

    private static String address() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "203.0." + r.nextInt(100, 113) + "." + r.nextInt(1, 255);
    }

    private static Response signIn(String address, String username, String password) {
        return given().header("X-Forwarded-For", address).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "password").formParam("username", username).formParam("password", password)
                .when().post("/api/v1/auth/token");
    }

    @Test
    void wrongPasswordsSlowTheirAddressButNeverLockTheOwnerOut() {
        String username = "victim-" + UUID.randomUUID().toString().substring(0, 8);
        UUID id = Accounts.create(username, PASSWORD, "patient", null);
        String attacker = address();
        for (int i = 0; i < 3; i++) {
            signIn(attacker, username, "guess " + i + " wrong wrong").then().statusCode(401)
                    .body("type", equalTo("https://carechart.org/problems/invalid-grant"));
        }
        // The attacker's address must now wait, even with the right password: no bcrypt is spent for it.
        signIn(attacker, username, PASSWORD).then().statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("https://carechart.org/problems/too-many-requests"))
                .header("Retry-After", matchesPattern("[12]"))
                .header("RateLimit-Policy", equalTo("\"sign-in-failures\";q=2;w=3600"));
        // The owner, from anywhere else, signs in at once: nobody can lock them out.
        signIn(address(), username, PASSWORD).then().statusCode(200);
        assertEquals(1, Db.count("select count(*) from account where id = ? and locked_until is null", id));
        // After the wait, the attacker's address may try again (and the delay doubles on the next failure).
        await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(700))
                .until(() -> signIn(attacker, username, "guess again wrong").statusCode() == 401);
        signIn(attacker, username, PASSWORD).then().statusCode(429).header("Retry-After", matchesPattern("[1-4]"));
    }

    @Test
    void knownAndUnknownUsernamesGetTheSameAnswersAtTheSameSpeed() {
        String known = "known-" + UUID.randomUUID().toString().substring(0, 8);
        Accounts.create(known, PASSWORD, "patient", null);
        String unknown = "unknown-" + UUID.randomUUID().toString().substring(0, 8);

        String a = address();
        String b = address();
        List<String> knownAnswers = new ArrayList<>();
        List<String> unknownAnswers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            knownAnswers.add(answer(signIn(a, known, "wrong password " + i)));
            unknownAnswers.add(answer(signIn(b, unknown, "wrong password " + i)));
        }
        assertEquals(knownAnswers, unknownAnswers);
        assertEquals("429", knownAnswers.get(3).split(" ")[0], knownAnswers.toString());

        // Time: each wrong password costs one bcrypt comparison either way (fresh addresses: no throttle).
        long[] knownTimes = new long[5];
        long[] unknownTimes = new long[5];
        for (int i = 0; i < 5; i++) {
            knownTimes[i] = timed(address(), known);
            unknownTimes[i] = timed(address(), unknown);
        }
        double ratio = (double) median(knownTimes) / median(unknownTimes);
        assertTrue(ratio > 0.5 && ratio < 2.0, "known/unknown median time ratio " + ratio + " (known "
                + Arrays.toString(knownTimes) + ", unknown " + Arrays.toString(unknownTimes) + ")");
    }

    @Test
    void aSuccessfulSignInClearsTheAddressesFailures() {
        String username = "resets-" + UUID.randomUUID().toString().substring(0, 8);
        Accounts.create(username, PASSWORD, "patient", null);
        String from = address();
        signIn(from, username, "nope nope nope").then().statusCode(401);
        signIn(from, username, "nope nope nope").then().statusCode(401);
        signIn(from, username, PASSWORD).then().statusCode(200);
        // Two more wrong ones are free again (a third would be throttled without the reset). Five requests
        // in all: the address's token-endpoint quota in the test profile, so the rate limit stays out of it.
        signIn(from, username, "nope nope nope").then().statusCode(401);
        signIn(from, username, "nope nope nope").then().statusCode(401);
    }

    private static String answer(Response response) {
        return response.statusCode() + " " + response.jsonPath().getString("type") + " " + response.jsonPath().getString("detail")
                .replaceAll("[0-9]+", "N");
    }

    private static long timed(String address, String username) {
        long start = System.nanoTime();
        signIn(address, username, "not the password").then().statusCode(401);
        return System.nanoTime() - start;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
