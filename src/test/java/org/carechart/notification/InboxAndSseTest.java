package org.carechart.notification;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;

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

    /** Reads a Server-Sent Events response line by line, as a browser's EventSource would. */
    static final class SseReader implements Flow.Subscriber<String> {
        final List<String> ids = new CopyOnWriteArrayList<>();
        final List<String> data = new CopyOnWriteArrayList<>();
        private Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.startsWith("id:")) {
                ids.add(line.substring(3).trim());
            } else if (line.startsWith("data:")) {
                data.add(line.substring(5).trim());
            }
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }

        void cancel() {
            subscription.cancel();
        }
    }

    private static SseReader openSse(String token, Map<String, String> headers, String query) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                        + "/api/v1/notifications/sse" + (query == null ? "" : "?" + query)))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream");
        headers.forEach(request::header);
        SseReader reader = new SseReader();
        CompletableFuture<HttpResponse<Void>> response = HttpClient.newHttpClient()
                .sendAsync(request.build(), HttpResponse.BodyHandlers.fromLineSubscriber(reader));
        await().atMost(PATIENCE).until(() -> reader.subscription != null || response.isDone());
        return reader;
    }

    @Test
    void serverSentEventsResumeAfterLastEventId() throws Exception {
        var patient = newPatient();
        for (int i = 0; i < 3; i++) {
            publish(events, labResult(patient.patientId(), null));
        }
        SseReader reader = openSse(patient.token(), Map.of("Last-Event-ID", "1"), null);
        try {
            await().atMost(PATIENCE).until(() -> reader.ids.size() == 2);
            publish(events, labResult(patient.patientId(), null));
            await().atMost(PATIENCE).until(() -> reader.ids.size() == 3);
            assertEquals(List.of("2", "3", "4"), reader.ids);
            assertEquals("lab.result.added", new io.vertx.core.json.JsonObject(reader.data.get(0)).getString("kind"));
            assertEquals(2L, new io.vertx.core.json.JsonObject(reader.data.get(0)).getLong("seq"));
        } finally {
            reader.cancel();
        }
        SseReader fromQuery = openSse(patient.token(), Map.of(), "after=3");
        try {
            await().atMost(PATIENCE).until(() -> fromQuery.ids.size() == 1);
            assertEquals(List.of("4"), fromQuery.ids);
        } finally {
            fromQuery.cancel();
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
