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

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.carechart.notification.LiveChartUpdatesTest.PATIENCE;
import static org.carechart.notification.LiveChartUpdatesTest.QUIET;
import static org.carechart.notification.LiveChartUpdatesTest.add;
import static org.carechart.notification.LiveChartUpdatesTest.condition;
import static org.carechart.notification.LiveChartUpdatesTest.labResult;
import static org.carechart.notification.LiveChartUpdatesTest.lastSeq;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Issue 6: revocation and expiry take effect at once. Chart writes go through the real endpoints;
 * grants are given and revoked by the patient through the sharing endpoints, proxy links ended
 * through the patient endpoints.
 */
@QuarkusTest
class RevocationStopsDeliveryTest {

    private static final Duration WEBHOOK_PATIENCE = Duration.ofSeconds(40);

    @Inject
    Vertx vertx;

    record App(UUID accountId, String token) {
    }

    private static App newApp() {
        UUID account = UUID.randomUUID();
        Db.update("""
                insert into account (id, username, password_hash, display_name, roles, organization_id)
                values (?, ?, 'x', 'Test App', array['app'], ?)""", account, "app-" + account, DemoAccounts.ACME_HEALTH_PLAN);
        return new App(account, Tokens.app(account, DemoAccounts.ACME_HEALTH_PLAN));
    }

    /** The patient grants through the sharing endpoint; the grant's id. */
    private static String grant(ChartFixtures f, String granteeType, UUID grantee, Instant expiresAt) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("granteeType", granteeType, "granteeId", grantee,
                "categories", List.of("observation"), "purpose", "payment"));
        if (expiresAt != null) {
            body.put("expiresAt", expiresAt.toString());
        }
        return given().auth().oauth2(f.patientToken()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/patients/" + f.patient + "/grants")
                .then().statusCode(201).extract().path("id");
    }

    private static Map<String, Object> register(App app, String url) {
        return given().auth().oauth2(app.token()).contentType(ContentType.JSON)
                .body(Map.of("url", url, "kinds", List.of("lab.result.added", "entry.added")))
                .when().post("/api/v1/webhooks")
                .then().statusCode(201).body("secret", startsWith("whsec_"))
                .extract().as(Map.class);
    }

    private static List<Map<String, Object>> deliveries(App app, Object webhookId) {
        return given().auth().oauth2(app.token()).when().get("/api/v1/webhooks/" + webhookId + "/deliveries")
                .then().statusCode(200).extract().path("items");
    }

    private static int readLabs(App app, UUID patient) {
        return given().auth().oauth2(app.token()).queryParam("category", "observation")
                .when().get("/api/v1/patients/" + patient + "/chart/entries")
                .then().extract().statusCode();
    }

    private static void assertSigned(String secret, WebhookReceiver.Received request) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String signed = request.headers().get("webhook-id") + "." + request.headers().get("webhook-timestamp") + "." + request.body();
        assertEquals("v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8))),
                request.headers().get("webhook-signature"));
    }

    private void deliveredBeforeAndNotAfter(ChartFixtures f, App app, Runnable grantEnds) throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(vertx)) {
            Map<String, Object> hook = register(app, receiver.url());
            String lab = add(f.patient, f.providerToken(), labResult());
            await().atMost(WEBHOOK_PATIENCE).until(() -> receiver.requests.size() == 1);
            WebhookReceiver.Received request = receiver.requests.get(0);
            assertSigned((String) hook.get("secret"), request);
            JsonObject body = new JsonObject(request.body());
            assertEquals("lab.result.added", body.getString("kind"));
            assertEquals(lab, body.getString("resourceId"));
            assertEquals(200, readLabs(app, f.patient), "the grant is in force");

            grantEnds.run();

            assertEquals(404, readLabs(app, f.patient), "the next request is refused");
            add(f.patient, f.providerToken(), labResult());
            add(f.patient, f.providerToken(), condition());
            await().during(QUIET).atMost(QUIET.plusSeconds(5)).until(() -> receiver.requests.size() == 1);
            assertEquals(1, deliveries(app, hook.get("id")).size(), "nothing more was even queued for the app");
        }
    }

    @Test
    void anAppsWebhooksStopTheMomentThePatientRevokesItsGrant() throws Exception {
        ChartFixtures f = ChartFixtures.adult();
        App app = newApp();
        String grant = grant(f, "app", app.accountId(), null);
        deliveredBeforeAndNotAfter(f, app, () -> given().auth().oauth2(f.patientToken())
                .when().delete("/api/v1/patients/" + f.patient + "/grants/" + grant)
                .then().statusCode(204));
    }

    @Test
    void anAppsWebhooksStopWhenItsGrantExpiresWithoutAnyoneActing() throws Exception {
        ChartFixtures f = ChartFixtures.adult();
        App app = newApp();
        String grant = grant(f, "app", app.accountId(), Instant.now().plusSeconds(3600));
        deliveredBeforeAndNotAfter(f, app, () -> Db.update(
                "update access_grant set expires_at = now() - interval '1 second' where id = ?", UUID.fromString(grant)));
    }

    @Test
    void aProviderHoldingAGrantIsNotANotificationRecipient() {
        // docs/notifications.md: the audience is the patient, proxies and the care team (apps by webhook).
        ChartFixtures f = ChartFixtures.adult();
        UUID grantee = UUID.randomUUID();
        Db.update("""
                insert into account (id, username, password_hash, display_name, roles, organization_id)
                values (?, ?, 'x', 'Dr Granted', array['provider'], ?)""", grantee, "g-" + grantee, DemoAccounts.LAKEVIEW);
        String token = Tokens.provider(grantee, DemoAccounts.LAKEVIEW);
        grant(f, "provider", grantee, null);
        given().auth().oauth2(token).queryParam("category", "observation")
                .when().get("/api/v1/patients/" + f.patient + "/chart/entries").then().statusCode(200);
        try (SocketClient socket = SocketClient.open(vertx, null, token)) {
            add(f.patient, f.providerToken(), labResult());
            await().during(QUIET).atMost(QUIET.plusSeconds(3)).until(socket.frames::isEmpty);
        }
        assertEquals(0, lastSeq(token));
    }

    @Test
    void whenThePatientEndsAProxyLinkTheStreamsCloseAndAResumedOneHearsOnlyTheOtherPatients() {
        ChartFixtures f = ChartFixtures.adult();
        ChartFixtures sibling = ChartFixtures.adult();
        // The same parent also acts for a second patient.
        Db.update("insert into proxy_link (id, patient_id, proxy_account_id, relationship, starts_at) "
                + "values (?, ?, ?, 'parent', now() - interval '1 day')", UUID.randomUUID(), sibling.patient, f.parent);
        String link = given().auth().oauth2(f.patientToken()).when().get("/api/v1/patients/" + f.patient + "/proxies")
                .then().statusCode(200).extract().path("items.find { it.proxyAccountId == '" + f.parent + "' }.id");

        try (SocketClient parent = SocketClient.open(vertx, null, f.parentToken());
             SseStream parentSse = SseStream.open(f.parentToken(), null)) {
            String before = add(f.patient, f.providerToken(), labResult());
            await().atMost(PATIENCE).until(() -> parent.frames.size() == 1 && parentSse.data.size() == 1);
            assertEquals(before, parent.messages().get(0).getString("resourceId"));

            given().auth().oauth2(f.patientToken())
                    .when().delete("/api/v1/patients/" + f.patient + "/proxies/" + link)
                    .then().statusCode(204);
            await().atMost(PATIENCE).until(() -> parent.closeCode != null);
            assertEquals((short) NotificationSocket.ACCESS_ENDED, parent.closeCode, "a clear code: access changed");
            given().auth().oauth2(f.parentToken()).when().get("/api/v1/patients/" + f.patient + "/chart")
                    .then().statusCode(404);
        }

        // The client resumes after the last number it saw and hears only of the patient it still acts for.
        try (SocketClient resumed = SocketClient.open(vertx, "after=1", f.parentToken())) {
            add(f.patient, f.providerToken(), labResult());
            String siblings = add(sibling.patient, sibling.providerToken(), labResult());
            await().atMost(PATIENCE).until(() -> resumed.frames.size() == 1);
            assertEquals(siblings, resumed.messages().get(0).getString("resourceId"));
            assertEquals(sibling.patient.toString(), resumed.messages().get(0).getString("patientId"));
            assertEquals(List.of(2L), resumed.seqs(), "the ended patient's write took no number in the parent's inbox");
            await().during(QUIET).atMost(QUIET.plusSeconds(3)).until(() -> resumed.frames.size() == 1);
        }
    }
}
