package org.carechart.identity;

import io.quarkus.test.junit.QuarkusTest;
import org.carechart.support.Db;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 11, finding 4: sessions can be cut off. Disabling or locking an account refuses refresh at once
 * and its existing access tokens within seconds; "sign out everywhere" likewise.
 */
@QuarkusTest
class SessionCutOffTest {

    private static final String PASSWORD = "a long enough passphrase 42";

    private record Session(UUID account, String username, String access, String refresh) {
    }

    private static Session signedIn() {
        String username = "cut-" + UUID.randomUUID().toString().substring(0, 8);
        UUID account = Accounts.create(username, PASSWORD, "provider", org.carechart.embedded.DemoAccounts.RIVERSIDE);
        var tokens = SignIn.password(username, PASSWORD).then().statusCode(200).extract();
        Session session = new Session(account, username, tokens.path("access_token"), tokens.path("refresh_token"));
        me(session.access()).statusCode(200);
        return session;
    }

    private static io.restassured.response.ValidatableResponse me(String token) {
        return given().auth().oauth2(token).get("/api/v1/me").then();
    }

    @Test
    void finding4_disablingRefusesRefreshAtOnceAndAccessTokensWithinSeconds() {
        Session s = signedIn();
        given().auth().oauth2(Accounts.adminToken()).post("/api/v1/accounts/" + s.account() + "/disable")
                .then().statusCode(200).body("disabled", equalTo(true));
        SignIn.refresh(s.refresh()).then().statusCode(401);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> me(s.access()).statusCode(401));
        SignIn.password(s.username(), PASSWORD).then().statusCode(401);
        // Enabled again, old sessions stay ended; a new sign-in works.
        given().auth().oauth2(Accounts.adminToken()).post("/api/v1/accounts/" + s.account() + "/enable").then().statusCode(200);
        me(s.access()).statusCode(401);
        String fresh = SignIn.password(s.username(), PASSWORD).then().statusCode(200).extract().path("access_token");
        me(fresh).statusCode(200);
    }

    @Test
    void finding4_aDisableOnAnotherInstanceReachesThisOneWithinTheStatusTtl() {
        Session s = signedIn();
        // As another instance would: straight in the database, nothing on this instance is told.
        Db.update("update account set disabled_at = now(), sessions_revoked_at = now() where id = ?", s.account());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> me(s.access()).statusCode(401));
    }

    @Test
    void finding4_aLockedAccountsTokensStopWorking() {
        Session s = signedIn();
        Db.update("update account set locked_until = now() + interval '15 minutes' where id = ?", s.account());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> me(s.access()).statusCode(401));
        SignIn.refresh(s.refresh()).then().statusCode(401);
    }

    @Test
    void finding4_signOutEverywhereEndsAccessTokensToo() {
        Session s = signedIn();
        given().auth().oauth2(s.access()).contentType("application/x-www-form-urlencoded").formParam("token_type_hint", "none")
                .post("/api/v1/auth/revoke").then().statusCode(200);
        SignIn.refresh(s.refresh()).then().statusCode(401);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> me(s.access()).statusCode(401));
        String fresh = SignIn.password(s.username(), PASSWORD).then().statusCode(200).extract().path("access_token");
        me(fresh).statusCode(200);
    }
}
