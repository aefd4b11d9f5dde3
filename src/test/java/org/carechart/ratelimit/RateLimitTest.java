package org.carechart.ratelimit;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.carechart.support.Db;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Quotas on the token endpoint, share links and the API as a whole (issue 11, "Abuse: rate limits").
 * The suite's own loopback client is exempt; these tests speak as other clients through
 * X-Forwarded-For (trusted only from loopback, in the test profile) and use the test profile's
 * short windows: token 5 per 5 s per address and 12 per 60 s per username, share links 4 per 4 s per address and 3 per 3 s per
 * link, the API 10 per 10 s per address and 6 per 6 s per account.
 */
@QuarkusTest
class RateLimitTest {

    private static final String ACCOUNTS = "/api/v1/accounts?limit=1";

    static String freshAddress() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "198.51." + r.nextInt(0, 100) + "." + r.nextInt(1, 255);
    }

    static RequestSpecification from(String address) {
        return given().header("X-Forwarded-For", address);
    }

    private static Response badRefresh(String address) {
        return from(address).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "refresh_token").formParam("refresh_token", "not-a-token-" + UUID.randomUUID())
                .when().post("/api/v1/auth/token");
    }

    private static void assertTooMany(Response response, String policy, int limit, int windowSeconds) {
        response.then().statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("https://carechart.org/problems/too-many-requests"))
                .body("status", equalTo(429))
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .header("RateLimit-Policy", equalTo("\"" + policy + "\";q=" + limit + ";w=" + windowSeconds))
                .header("RateLimit", matchesPattern("\"" + policy + "\";r=0;t=[0-9]+"));
    }

    @Test
    void tokenEndpointPerAddressAnswers429WithRetryAfterAndRateLimitFieldsThenResets() {
        String address = freshAddress();
        for (int i = 0; i < 5; i++) {
            badRefresh(address).then().statusCode(401);
        }
        Response refused = badRefresh(address);
        assertTooMany(refused, "token-address", 5, 5);
        assertTrue(Integer.parseInt(refused.header("Retry-After")) <= 1, "one request per second comes back");
        // Another client is not affected.
        badRefresh(freshAddress()).then().statusCode(401);
        // The quota refills: after Retry-After the address is answered again.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250))
                .until(() -> badRefresh(address).statusCode() == 401);
    }

    @Test
    void tokenEndpointPerAccountLimitsOneUsernameAcrossAddresses() {
        String username = "nobody-" + UUID.randomUUID();
        for (int i = 0; i < 12; i++) {
            from(freshAddress()).contentType("application/x-www-form-urlencoded")
                    .formParam("grant_type", "password").formParam("username", username)
                    .formParam("password", "guess number " + i)
                    .when().post("/api/v1/auth/token").then().statusCode(401);
        }
        Response refused = from(freshAddress()).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "password").formParam("username", username.toUpperCase())
                .formParam("password", "guess number 9").when().post("/api/v1/auth/token");
        assertTooMany(refused, "token-account", 12, 60);
        assertEquals(0, Db.count("select count(*) from rate_limit where key like ?", "%" + username + "%"),
                "no username is stored in clear");
    }

    @Test
    void shareLinkOpeningsArePerAddressAndPerLink() {
        String address = freshAddress();
        for (int i = 0; i < 4; i++) {
            from(address).when().get("/api/v1/shared/{t}", "guess-" + UUID.randomUUID()).then().statusCode(404);
        }
        assertTooMany(from(address).when().get("/api/v1/shared/{t}", "guess-" + UUID.randomUUID()), "share-address", 4, 4);

        String token = "one-link-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            from(freshAddress()).when().get("/api/v1/shared/{t}", token).then().statusCode(404);
        }
        assertTooMany(from(freshAddress()).when().get("/api/v1/shared/{t}", token), "share-link", 3, 3);
        await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(250))
                .until(() -> from(freshAddress()).when().get("/api/v1/shared/{t}", token).statusCode() == 404);
    }

    @Test
    void theWholeApiIsLimitedPerAccountAndAdvertisesItsQuota() {
        String token = Tokens.admin(UUID.randomUUID());
        String address = freshAddress();
        from(address).auth().oauth2(token).when().get(ACCOUNTS).then().statusCode(200)
                .header("RateLimit-Policy", equalTo("\"api-account\";q=6;w=6"))
                .header("RateLimit", equalTo("\"api-account\";r=5;t=1"));
        for (int i = 1; i < 6; i++) {
            from(address).auth().oauth2(token).when().get(ACCOUNTS).then().statusCode(200)
                    .header("RateLimit", matchesPattern("\"api-account\";r=[0-5];t=[1-6]"));
        }
        // The same account from another address: the account's quota is spent everywhere.
        assertTooMany(from(freshAddress()).auth().oauth2(token).when().get(ACCOUNTS), "api-account", 6, 6);
        await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(250))
                .until(() -> from(address).auth().oauth2(token).when().get(ACCOUNTS).statusCode() == 200);
    }

    @Test
    void theWholeApiIsLimitedPerAddressForAnonymousCallers() {
        String address = freshAddress();
        for (int i = 0; i < 10; i++) {
            from(address).when().get("/.well-known/jwks.json").then().statusCode(200);
        }
        assertTooMany(from(address).when().get("/.well-known/jwks.json"), "api-address", 10, 10);
    }

    @Test
    void aForgedSubjectDoesNotSpendAnotherAccountsQuota() {
        String address = freshAddress();
        String victim = Tokens.admin(UUID.randomUUID());
        String forged = victim.substring(0, victim.lastIndexOf('.') + 1) + "AAAA";
        for (int i = 0; i < 7; i++) {
            from(address).auth().oauth2(forged).when().get(ACCOUNTS).then().statusCode(401);
        }
        // The victim's own quota is untouched by requests that were not really theirs.
        from(freshAddress()).auth().oauth2(victim).when().get(ACCOUNTS).then().statusCode(200)
                .header("RateLimit", matchesPattern("\"api-account\";r=5;t=[0-9]+"));
    }
}
