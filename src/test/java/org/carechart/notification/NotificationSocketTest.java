package org.carechart.notification;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.carechart.common.BearerSecrets;
import org.carechart.support.Db;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.carechart.notification.NotificationFixtures.labResult;
import static org.carechart.notification.NotificationFixtures.newPatient;
import static org.carechart.notification.NotificationFixtures.publish;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class NotificationSocketTest {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @Inject
    Vertx vertx;

    @Inject
    Events events;

    @Inject
    LiveHub hub;

    @Test
    void aCommittedEventReachesTheOpenSocketAsOneJsonFrame() {
        var alice = newPatient();
        try (SocketClient socket = SocketClient.open(vertx, "after=0", alice.token())) {
            EventDraft draft = labResult(alice.patientId(), null);
            UUID event = publish(events, draft);

            await().atMost(PATIENCE).until(() -> socket.frames.size() == 1);
            String frame = socket.frames.get(0);
            assertTrue(frame.startsWith("{\"seq\":1,\"id\":\""), frame);
            JsonObject message = new JsonObject(frame);
            assertEquals(List.of("seq", "id", "kind", "patientId", "category", "resourceId", "title", "createdAt"),
                    List.copyOf(message.fieldNames()));
            assertEquals(event.toString(), message.getString("id"));
            assertEquals("lab.result.added", message.getString("kind"));
            assertEquals(alice.patientId().toString(), message.getString("patientId"));
            assertEquals("observation", message.getString("category"));
            assertEquals(draft.resourceId(), message.getString("resourceId"));
            assertEquals("New lab result", message.getString("title"));
            assertTrue(message.getString("createdAt").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        }
    }

    @Test
    void aRolledBackChangeAnnouncesNothingAndUsesNoNumber() {
        var patient = newPatient();
        try (SocketClient socket = SocketClient.open(vertx, null, patient.token())) {
            NotificationFixtures.publishAndRollBack(events, new EventDraft(EventKind.ENTRY_ADDED, patient.patientId(),
                    "condition", "rolled-back", "New entry", null));
            UUID committed = publish(events, labResult(patient.patientId(), null));

            await().atMost(PATIENCE).until(() -> !socket.frames.isEmpty());
            assertEquals(1, socket.frames.size());
            assertEquals(committed.toString(), socket.messages().get(0).getString("id"));
            assertEquals(1L, socket.messages().get(0).getLong("seq"), "the rolled-back event took no number");
        }
        assertEquals(0, Db.count("select count(*) from notification_event where resource_id = 'rolled-back'"));
    }

    @Test
    void aReconnectingClientGetsEverythingAfterItsLastNumberOnceAndInOrder() throws Exception {
        var patient = newPatient();
        try (SocketClient first = SocketClient.open(vertx, "after=0", patient.token())) {
            publish(events, labResult(patient.patientId(), null));
            publish(events, labResult(patient.patientId(), null));
            await().atMost(PATIENCE).until(() -> first.seqs().equals(List.of(1L, 2L)));
        }
        // Offline: three more are committed.
        for (int i = 0; i < 3; i++) {
            publish(events, labResult(patient.patientId(), null));
        }
        // Back online with after=2, while more events are being committed during the catch-up.
        CompletableFuture<Void> meanwhile = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 5; i++) {
                publish(events, labResult(patient.patientId(), null));
            }
        });
        try (SocketClient second = SocketClient.open(vertx, "after=2", patient.token())) {
            meanwhile.get();
            List<Long> expected = LongStream.rangeClosed(3, 10).boxed().toList();
            await().atMost(PATIENCE).until(() -> second.seqs().size() >= expected.size());
            assertEquals(expected, second.seqs(), "no gap, no duplicate, in order");
        }
    }

    @Test
    void anEventWrittenByAnotherConnectionArrivesThroughNotify() {
        var patient = newPatient();
        try (SocketClient socket = SocketClient.open(vertx, null, patient.token())) {
            UUID event = NotificationFixtures.insertAsAnotherInstance(patient.patientId(), patient.accountId());
            await().atMost(PATIENCE).until(() -> socket.frames.size() == 1);
            assertEquals(event.toString(), socket.messages().get(0).getString("id"));
        }
    }

    @Test
    void afterTheListenerConnectionIsLostOpenSocketsCatchUpFromTheInbox() {
        var patient = newPatient();
        try (SocketClient socket = SocketClient.open(vertx, null, patient.token())) {
            long subscriptionsBefore = hub.subscriptions();
            Db.count("select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = 'carechart-listener'");
            UUID event = NotificationFixtures.insertAsAnotherInstance(patient.patientId(), patient.accountId());
            await().atMost(PATIENCE).until(() -> hub.subscriptions() > subscriptionsBefore);
            await().atMost(PATIENCE).until(() -> socket.frames.size() == 1);
            assertEquals(event.toString(), socket.messages().get(0).getString("id"));
            // And live delivery works again on the new listening connection.
            UUID next = publish(events, labResult(patient.patientId(), null));
            await().atMost(PATIENCE).until(() -> socket.frames.size() == 2);
            assertEquals(next.toString(), socket.messages().get(1).getString("id"));
        }
    }

    @Test
    void aProxyCareTeamAndPatientAreToldButNotTheActor() {
        var patient = newPatient();
        var proxy = NotificationFixtures.newProxyOf(patient.patientId());
        var provider = NotificationFixtures.newCareTeamProvider(patient.patientId());
        try (SocketClient proxySocket = SocketClient.open(vertx, null, proxy.token())) {
            publish(events, labResult(patient.patientId(), provider.accountId()));
            await().atMost(PATIENCE).until(() -> proxySocket.frames.size() == 1);
        }
        given().auth().oauth2(patient.token()).when().get("/api/v1/notifications")
                .then().statusCode(200).body("items.size()", equalTo(1)).body("unreadCount", equalTo(1));
        given().auth().oauth2(provider.token()).when().get("/api/v1/notifications")
                .then().statusCode(200).body("items.size()", equalTo(0)).body("unreadCount", equalTo(0));
    }

    @Test
    void whenAProxyLinkEndsThatPatientsEventsAreNoLongerDelivered() {
        var first = newPatient();
        var second = newPatient();
        var proxy = NotificationFixtures.newProxyOf(first.patientId());
        UUID secondLink = UUID.randomUUID();
        Db.update("""
                insert into proxy_link (id, patient_id, proxy_account_id, relationship, starts_at)
                values (?, ?, ?, 'caregiver', now() - interval '1 day')""", secondLink, second.patientId(), proxy.accountId());

        publish(events, labResult(first.patientId(), null));   // seq 1 in the proxy's inbox
        NotificationFixtures.endProxyLink(proxy.patientId());  // the link to the first patient ends
        UUID stillVisible = publish(events, labResult(second.patientId(), null)); // seq 2
        publish(events, labResult(first.patientId(), null));   // not addressed to the proxy any more

        try (SocketClient socket = SocketClient.open(vertx, "after=0", proxy.token())) {
            await().atMost(PATIENCE).until(() -> !socket.frames.isEmpty());
            assertEquals(1, socket.frames.size());
            assertEquals(stillVisible.toString(), socket.messages().get(0).getString("id"));
        }
        given().auth().oauth2(proxy.token()).when().get("/api/v1/notifications")
                .then().statusCode(200).body("items.size()", equalTo(1)).body("items[0].seq", equalTo(2));
    }

    @Test
    void aTicketOpensOneSocketOnly() {
        var patient = newPatient();
        String ticket = given().auth().oauth2(patient.token()).when().post("/api/v1/notifications/ws-ticket")
                .then().statusCode(201).extract().path("ticket");
        assertEquals(0, Db.count("select count(*) from notification_ws_ticket where ticket_hash = convert_to(?, 'UTF8')", ticket),
                "only a hash is stored");
        try (SocketClient socket = SocketClient.open(vertx, "ticket=" + ticket, null)) {
            publish(events, labResult(patient.patientId(), null));
            await().atMost(PATIENCE).until(() -> socket.frames.size() == 1);
        }
        assertEquals(401, SocketClient.refusal(vertx, "ticket=" + ticket, null), "a used ticket is refused");
        assertEquals(401, SocketClient.refusal(vertx, "ticket=not-a-ticket", null));
    }

    @Test
    void anExpiredTicketIsRefusedAndGone() {
        var patient = newPatient();
        String ticket = "expired-" + UUID.randomUUID();
        Db.update("""
                insert into notification_ws_ticket (ticket_hash, account_id, token_expires_at, expires_at)
                values (?, ?, now() + interval '5 minutes', now() - interval '1 second')""",
                BearerSecrets.sha256(ticket), patient.accountId());
        assertEquals(401, SocketClient.refusal(vertx, "ticket=" + ticket, null));
        assertEquals(0, Db.count("select count(*) from notification_ws_ticket where account_id = ?", patient.accountId()));
    }

    @Test
    void missingInvalidAndExpiredTokensAreRefusedAtTheUpgrade() {
        var patient = newPatient();
        assertEquals(401, SocketClient.refusal(vertx, null, null));
        assertEquals(401, SocketClient.refusal(vertx, null, "not.a.token"));
        String expired = Tokens.claims(patient.accountId(), "Test", "patient")
                .expiresAt(java.time.Instant.now().minusSeconds(600)).sign();
        assertEquals(401, SocketClient.refusal(vertx, null, expired));
    }

    @Test
    void theSocketClosesWhenItsTokenExpires() {
        var patient = newPatient();
        String shortLived = Tokens.claims(patient.accountId(), "Test", "patient")
                .claim("patient_id", patient.patientId().toString())
                .expiresAt(java.time.Instant.now().plusSeconds(2)).sign();
        try (SocketClient socket = SocketClient.open(vertx, null, shortLived)) {
            await().atMost(PATIENCE).until(socket::isClosed);
            assertEquals((short) NotificationSocket.TOKEN_EXPIRED, socket.closeCode);
            assertEquals("token expired", socket.closeReason);
        }
    }

    @Test
    void aBadResumePointClosesWithACode() {
        var patient = newPatient();
        try (SocketClient socket = SocketClient.open(vertx, "after=minus-one", patient.token())) {
            await().atMost(PATIENCE).until(socket::isClosed);
            assertEquals((short) NotificationSocket.BAD_REQUEST, socket.closeCode);
        }
    }
}
