package org.carechart.notification;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
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
import static org.carechart.notification.NotificationFixtures.labResult;
import static org.carechart.notification.NotificationFixtures.newPatient;
import static org.carechart.notification.NotificationFixtures.publish;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class WebhookTest {

    private static final Duration PATIENCE = Duration.ofSeconds(40);

    @Inject
    Vertx vertx;

    @Inject
    Events events;

    record App(UUID accountId, UUID grantId, String token) {
    }

    /** An app with a grant from the patient for observations. */
    private static App appGrantedBy(UUID patient) {
        UUID account = UUID.randomUUID();
        UUID grant = UUID.randomUUID();
        Db.update("""
                insert into account (id, username, password_hash, display_name, roles, organization_id)
                values (?, ?, 'x', 'Test App', array['app'], ?)""", account, "app-" + account, DemoAccounts.ACME_HEALTH_PLAN);
        Db.update("""
                insert into access_grant (id, patient_id, grantee_type, grantee_id, categories, purpose, created_by)
                values (?, ?, 'app', ?, array['observation'], 'payment', ?)""", grant, patient, account, patient);
        return new App(account, grant, Tokens.app(account, DemoAccounts.ACME_HEALTH_PLAN));
    }

    private static Map<String, Object> register(App app, String url, List<String> kinds) {
        return given().auth().oauth2(app.token()).contentType(ContentType.JSON)
                .body(Map.of("url", url, "kinds", kinds))
                .when().post("/api/v1/webhooks")
                .then().statusCode(201)
                .header("Location", startsWith("http"))
                .body("secret", startsWith("whsec_"))
                .extract().as(Map.class);
    }

    private static List<Map<String, Object>> deliveries(App app, Object webhookId) {
        return given().auth().oauth2(app.token()).when().get("/api/v1/webhooks/" + webhookId + "/deliveries")
                .then().statusCode(200).extract().path("items");
    }

    private static String expectedSignature(String secret, String id, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(
                mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aDeliveryIsSignedSoTheReceiverCanVerifyItAndIsLogged() throws Exception {
        var patient = newPatient();
        App app = appGrantedBy(patient.patientId());
        try (WebhookReceiver receiver = new WebhookReceiver(vertx)) {
            Map<String, Object> hook = register(app, receiver.url(), List.of("lab.result.added"));
            UUID event = publish(events, labResult(patient.patientId(), null));

            await().atMost(PATIENCE).until(() -> receiver.requests.size() == 1);
            WebhookReceiver.Received request = receiver.requests.get(0);
            assertEquals(event.toString(), request.headers().get("webhook-id"));
            long timestamp = Long.parseLong(request.headers().get("webhook-timestamp"));
            assertTrue(Math.abs(Instant.now().getEpochSecond() - timestamp) < 60);
            assertEquals(expectedSignature((String) hook.get("secret"), event.toString(),
                    request.headers().get("webhook-timestamp"), request.body()), request.headers().get("webhook-signature"));
            JsonObject body = new JsonObject(request.body());
            assertEquals(List.of("id", "kind", "patientId", "category", "resourceId", "title", "createdAt"),
                    List.copyOf(body.fieldNames()));
            assertEquals("lab.result.added", body.getString("kind"));
            assertEquals(patient.patientId().toString(), body.getString("patientId"));

            await().atMost(PATIENCE).until(() -> "delivered".equals(deliveries(app, hook.get("id")).get(0).get("status")));
            Map<String, Object> logged = deliveries(app, hook.get("id")).get(0);
            assertEquals(1, logged.get("attempts"));
            assertEquals(200, logged.get("lastStatusCode"));
            assertEquals(event.toString(), logged.get("eventId"));
        }
    }

    @Test
    void aFailedDeliveryIsRetriedUntilTheReceiverAccepts() {
        var patient = newPatient();
        App app = appGrantedBy(patient.patientId());
        try (WebhookReceiver receiver = new WebhookReceiver(vertx)) {
            receiver.answers.add(500);
            Map<String, Object> hook = register(app, receiver.url(), List.of());
            publish(events, labResult(patient.patientId(), null));

            await().atMost(PATIENCE).until(() -> "delivered".equals(deliveries(app, hook.get("id")).get(0).get("status")));
            assertEquals(2, receiver.requests.size());
            assertEquals(receiver.requests.get(0).headers().get("webhook-id"), receiver.requests.get(1).headers().get("webhook-id"),
                    "a retry is the same message");
            Map<String, Object> logged = deliveries(app, hook.get("id")).get(0);
            assertEquals(2, logged.get("attempts"));
            assertEquals(200, logged.get("lastStatusCode"));
        }
    }

    @Test
    void retriesEndAfterTheScheduleIsUsedUp() {
        var patient = newPatient();
        App app = appGrantedBy(patient.patientId());
        try (WebhookReceiver receiver = new WebhookReceiver(vertx)) {
            receiver.defaultAnswer = 503;
            Map<String, Object> hook = register(app, receiver.url(), List.of());
            publish(events, labResult(patient.patientId(), null));
            await().atMost(PATIENCE).until(() -> "failed".equals(deliveries(app, hook.get("id")).get(0).get("status")));
            // The test schedule has three retries: four attempts in all.
            assertEquals(4, receiver.requests.size());
            assertEquals(503, deliveries(app, hook.get("id")).get(0).get("lastStatusCode"));
        }
    }

    @Test
    void deliveriesStopWhenTheGrantEnds() {
        var patient = newPatient();
        App app = appGrantedBy(patient.patientId());
        try (WebhookReceiver receiver = new WebhookReceiver(vertx)) {
            receiver.defaultAnswer = 500;
            Map<String, Object> hook = register(app, receiver.url(), List.of());
            publish(events, labResult(patient.patientId(), null));
            await().atMost(PATIENCE).until(() -> receiver.requests.size() >= 1);
            Db.update("update access_grant set revoked_at = now(), revoked_by = ? where id = ?", patient.accountId(), app.grantId());

            await().atMost(PATIENCE).until(() -> "stopped".equals(deliveries(app, hook.get("id")).get(0).get("status")));
            int sent = receiver.requests.size();
            assertEquals("grant ended", deliveries(app, hook.get("id")).get(0).get("lastError"));
            // And later events of this patient are not queued for the app at all.
            publish(events, labResult(patient.patientId(), null));
            assertEquals(1, deliveries(app, hook.get("id")).size());
            assertEquals(sent, receiver.requests.size());
        }
    }

    @Test
    void onlyCategoriesTheGrantCoversAreDelivered() {
        var patient = newPatient();
        App app = appGrantedBy(patient.patientId());
        try (WebhookReceiver receiver = new WebhookReceiver(vertx)) {
            Map<String, Object> hook = register(app, receiver.url(), List.of());
            publish(events, new EventDraft(EventKind.ENTRY_ADDED, patient.patientId(), "note", "n-1", "New note", null));
            assertEquals(0, deliveries(app, hook.get("id")).size());
            // Another app with no grant hears nothing either.
            App stranger = appGrantedBy(newPatient().patientId());
            Map<String, Object> strangerHook = register(stranger, receiver.url(), List.of());
            publish(events, labResult(patient.patientId(), null));
            assertEquals(1, deliveries(app, hook.get("id")).size());
            assertEquals(0, deliveries(stranger, strangerHook.get("id")).size());
        }
    }

    @Test
    void anAppCanAskForADeliveryAgain() {
        var patient = newPatient();
        App app = appGrantedBy(patient.patientId());
        try (WebhookReceiver receiver = new WebhookReceiver(vertx)) {
            Map<String, Object> hook = register(app, receiver.url(), List.of());
            publish(events, labResult(patient.patientId(), null));
            await().atMost(PATIENCE).until(() -> receiver.requests.size() == 1);
            await().atMost(PATIENCE).until(() -> "delivered".equals(deliveries(app, hook.get("id")).get(0).get("status")));
            Object deliveryId = deliveries(app, hook.get("id")).get(0).get("id");

            given().auth().oauth2(app.token())
                    .when().post("/api/v1/webhooks/" + hook.get("id") + "/deliveries/" + deliveryId + "/redelivery")
                    .then().statusCode(202).body("status", equalTo("pending"));
            await().atMost(PATIENCE).until(() -> receiver.requests.size() == 2);
            assertEquals(receiver.requests.get(0).body(), receiver.requests.get(1).body());
            assertEquals(2, deliveries(app, hook.get("id")).size());

            given().auth().oauth2(app.token())
                    .when().post("/api/v1/webhooks/" + hook.get("id") + "/deliveries/" + UUID.randomUUID() + "/redelivery")
                    .then().statusCode(404).contentType("application/problem+json");
        }
    }

    @Test
    void urlsIntoPrivateNetworksAreRefused() {
        App app = appGrantedBy(newPatient().patientId());
        for (String url : List.of("https://10.0.0.5/hook", "https://192.168.1.10/hook", "https://172.16.0.1/hook",
                "https://169.254.169.254/latest/meta-data", "https://100.64.0.1/x", "https://[fd00::1]/hook",
                "https://[fe80::1]/hook", "https://0.0.0.0/hook", "http://93.184.215.14/hook", "ftp://example.org/hook",
                "not a url", "https://user:pw@93.184.215.14/hook")) {
            given().auth().oauth2(app.token()).contentType(ContentType.JSON)
                    .body(Map.of("url", url, "kinds", List.of()))
                    .when().post("/api/v1/webhooks")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("url"));
        }
        given().auth().oauth2(app.token()).contentType(ContentType.JSON)
                .body(Map.of("url", "https://93.184.215.14/hook", "kinds", List.of("no.such.kind")))
                .when().post("/api/v1/webhooks")
                .then().statusCode(400).body("errors[0].field", equalTo("kinds"));
        assertEquals(0, Db.count("select count(*) from webhook where app_account_id = ?", app.accountId()),
                "nothing half-written");
    }

    /** Issue 11: NAT64, 6to4, IPv4-translated, documentation ranges and ambiguous numbers were accepted. */
    @Test
    void webhooksToNat64SixToFourTranslatedDocumentationAndNumericHostsAreRefused() {
        App app = appGrantedBy(newPatient().patientId());
        for (String url : List.of("https://[64:ff9b::7f00:1]/hook", "https://[64:ff9b::a9fe:a9fe]/hook",
                "https://[64:ff9b:1::a00:1]/hook", "https://[2002:7f00:1::1]/hook", "https://[::ffff:0:7f00:1]/hook",
                "https://[::ffff:7f00:1]/hook", "https://0177.0.0.1/hook", "https://0x7f.1/hook", "https://2130706433/hook",
                "https://127.1/hook", "https://192.0.2.1/hook", "https://198.51.100.1/hook", "https://203.0.113.1/hook",
                "https://[2001:db8::1]/hook", "https://[3fff::1]/hook")) {
            given().auth().oauth2(app.token()).contentType(ContentType.JSON)
                    .body(Map.of("url", url, "kinds", List.of()))
                    .when().post("/api/v1/webhooks")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("url"));
        }
        assertEquals(0, Db.count("select count(*) from webhook where app_account_id = ?", app.accountId()));
    }

    /** The check before each attempt refuses an address that is no longer allowed; nothing is sent. */
    @Test
    void aStoredWebhookPointingAtATranslatedLoopbackAddressIsNeverSent() {
        var patient = newPatient();
        App app = appGrantedBy(patient.patientId());
        try (WebhookReceiver receiver = new WebhookReceiver(vertx)) {
            Map<String, Object> hook = register(app, receiver.url(), List.of());
            Db.update("update webhook set url = ? where id = ?::uuid",
                    receiver.url().replace("127.0.0.1", "[64:ff9b::7f00:1]"), hook.get("id"));
            publish(events, labResult(patient.patientId(), null));
            await().atMost(PATIENCE).until(() -> {
                List<Map<String, Object>> log = deliveries(app, hook.get("id"));
                return !log.isEmpty() && "address refused".equals(log.get(0).get("lastError"));
            });
            assertTrue(receiver.requests.isEmpty());
        }
    }

    /** DNS rebinding: the name is resolved once, by the guard, and the connection goes to that address. */
    @Test
    void theDeliveryGoesToTheAddressThatWasCheckedWithoutASecondLookup() {
        var patient = newPatient();
        App app = appGrantedBy(patient.patientId());
        try (WebhookReceiver receiver = new WebhookReceiver(vertx)) {
            String named = receiver.url().replace("127.0.0.1", "hook.rebind.test");
            Map<String, Object> hook = register(app, named, List.of());
            publish(events, labResult(patient.patientId(), null));
            await().atMost(PATIENCE).until(() -> receiver.requests.size() == 1);
            assertEquals(named.substring("http://".length(), named.indexOf("/hooks")), receiver.requests.get(0).headers().get("host"));
            await().atMost(PATIENCE).until(() -> "delivered".equals(deliveries(app, hook.get("id")).get(0).get("status")));
        }
    }

    @Test
    void onlyAppsManageWebhooksAndOnlyTheirOwn() {
        App app = appGrantedBy(newPatient().patientId());
        App other = appGrantedBy(newPatient().patientId());
        Map<String, Object> hook = register(app, "http://127.0.0.1:9/none", List.of());
        given().auth().oauth2(Tokens.alice()).contentType(ContentType.JSON)
                .body(Map.of("url", "https://93.184.215.14/hook"))
                .when().post("/api/v1/webhooks").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(other.token()).when().get("/api/v1/webhooks/" + hook.get("id")).then().statusCode(404);
        given().auth().oauth2(other.token()).when().delete("/api/v1/webhooks/" + hook.get("id")).then().statusCode(404);
        given().auth().oauth2(app.token()).when().get("/api/v1/webhooks")
                .then().statusCode(200).body("items.size()", equalTo(1)).body("items[0].secret", equalTo(null))
                .body("nextCursor", equalTo(null));
        given().auth().oauth2(app.token()).when().delete("/api/v1/webhooks/" + hook.get("id")).then().statusCode(204);
        given().auth().oauth2(app.token()).when().get("/api/v1/webhooks/" + hook.get("id")).then().statusCode(404);
        assertFalse(given().auth().oauth2(app.token()).when().get("/api/v1/webhooks")
                .then().statusCode(200).extract().jsonPath().getList("items").iterator().hasNext());
    }
}
