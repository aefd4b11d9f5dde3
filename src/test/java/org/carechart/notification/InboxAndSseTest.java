package org.carechart.notification;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.carechart.notification.NotificationFixtures.labResult;
import static org.carechart.notification.NotificationFixtures.newPatient;
import static org.carechart.notification.NotificationFixtures.publish;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class InboxAndSseTest {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @Inject
    Events events;

    @Inject
    Inbox inbox;

    @Test
    void serverSentEventsResumeAfterLastEventId() {
        var patient = newPatient();
        for (int i = 0; i < 3; i++) {
            publish(events, labResult(patient.patientId(), null));
        }
        try (SseStream reader = SseStream.open(patient.token(), null, Map.of("Last-Event-ID", "1"))) {
            await().atMost(PATIENCE).until(() -> reader.ids.size() == 2);
            publish(events, labResult(patient.patientId(), null));
            await().atMost(PATIENCE).until(() -> reader.ids.size() == 3);
            assertEquals(List.of("2", "3", "4"), reader.ids);
            assertEquals("lab.result.added", new io.vertx.core.json.JsonObject(reader.data.get(0)).getString("kind"));
            assertEquals(2L, new io.vertx.core.json.JsonObject(reader.data.get(0)).getLong("seq"));
        }
        try (SseStream fromQuery = SseStream.open(patient.token(), "after=3")) {
            await().atMost(PATIENCE).until(() -> fromQuery.ids.size() == 1);
            assertEquals(List.of("4"), fromQuery.ids);
        }
    }

    @Test
    void aBadResumePointIsAProblem() {
        var patient = newPatient();
        given().auth().oauth2(patient.token()).header("Last-Event-ID", "yesterday")
                .when().get("/api/v1/notifications/sse")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("Last-Event-ID"));
    }

    @Test
    void theInboxPagesByNumberAndCountsWhatIsUnread() throws Throwable {
        var patient = newPatient();
        for (int i = 0; i < 5; i++) {
            publish(events, labResult(patient.patientId(), null));
        }
        given().auth().oauth2(patient.token()).queryParam("after", 1).queryParam("limit", 2)
                .when().get("/api/v1/notifications")
                .then().statusCode(200)
                .body("items.seq", contains(2, 3))
                .body("items[0].title", equalTo("New lab result"))
                .body("hasMore", equalTo(true))
                .body("nextAfter", equalTo(3))
                .body("lastSeq", equalTo(5))
                .body("unreadCount", equalTo(5));

        given().auth().oauth2(patient.token()).contentType(ContentType.JSON).body(Map.of("upTo", 3))
                .when().post("/api/v1/notifications/read")
                .then().statusCode(200).body("readUpTo", equalTo(3)).body("unreadCount", equalTo(2));
        // Marking beyond the newest number marks only what exists; going back changes nothing.
        given().auth().oauth2(patient.token()).contentType(ContentType.JSON).body(Map.of("upTo", 1))
                .when().post("/api/v1/notifications/read")
                .then().statusCode(200).body("readUpTo", equalTo(3));
        assertEquals(2L, VertxContextSupport.<Long>subscribeAndAwait(
                () -> Panache.withSession(() -> inbox.unreadCount(patient.accountId()))));
        given().auth().oauth2(patient.token()).contentType(ContentType.JSON).body(Map.of("upTo", 99))
                .when().post("/api/v1/notifications/read")
                .then().statusCode(200).body("readUpTo", equalTo(5)).body("unreadCount", equalTo(0));
    }

    @Test
    void badInboxRequestsAreProblems() {
        var patient = newPatient();
        given().auth().oauth2(patient.token()).queryParam("limit", 101)
                .when().get("/api/v1/notifications")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(patient.token()).queryParam("after", -1)
                .when().get("/api/v1/notifications")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(patient.token()).contentType(ContentType.JSON).body(Map.of("upTo", -4))
                .when().post("/api/v1/notifications/read")
                .then().statusCode(400).contentType("application/problem+json");
        given().when().get("/api/v1/notifications")
                .then().statusCode(401).contentType("application/problem+json");
        given().when().post("/api/v1/notifications/ws-ticket")
                .then().statusCode(401);
    }
}
