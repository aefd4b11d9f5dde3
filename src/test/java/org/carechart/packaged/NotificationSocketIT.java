package org.carechart.packaged;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.carechart.embedded.DemoAccounts;
import org.carechart.notification.SocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Live updates on the packaged artifact: Alice holds a WebSocket opened with a one-time ticket
 * (WsTicket, reached through Response); her doctor adds a lab result; one frame arrives with ids
 * and a title, never the value.
 */
@QuarkusIntegrationTest
class NotificationSocketIT {

    private static Vertx vertx;

    @BeforeAll
    static void startClient() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopClient() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void aLabResultTheDoctorAddsReachesAlicesOpenSocket() {
        String alice = DemoSignIn.accessToken("alice");
        String ticket = given().auth().oauth2(alice).when().post("/api/v1/notifications/ws-ticket")
                .then().statusCode(201).contentType(ContentType.JSON).extract().path("ticket");
        try (SocketClient socket = SocketClient.open(vertx, "ticket=" + ticket, null)) {
            String entry = given().auth().oauth2(DemoSignIn.accessToken("dr.lee")).contentType(ContentType.JSON)
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(Map.of("category", "observation", "status", "final",
                            "code", Map.of("system", "http://loinc.org", "code", "4548-4", "display", "Hemoglobin A1c"),
                            "effectiveAt", Instant.now().minus(1, ChronoUnit.HOURS).toString(),
                            "valueQuantity", 48.3, "valueUnit", "mmol/mol"))
                    .when().post("/api/v1/patients/{p}/chart/entries", DemoAccounts.ALICE_PATIENT)
                    .then().statusCode(201).extract().path("id");

            await().atMost(Duration.ofSeconds(15)).until(() -> socket.messages().stream()
                    .anyMatch(m -> entry.equals(m.getString("resourceId"))));
            JsonObject frame = socket.messages().stream().filter(m -> entry.equals(m.getString("resourceId")))
                    .findFirst().orElseThrow();
            assertEquals("lab.result.added", frame.getString("kind"));
            assertEquals(DemoAccounts.ALICE_PATIENT.toString(), frame.getString("patientId"));
            assertEquals("New lab result", frame.getString("title"));
            assertFalse(frame.encode().contains("48.3"), "a notification never carries the value");
        }
    }
}
