package org.carechart.ratelimit;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import jakarta.inject.Inject;
import org.carechart.embedded.DemoAccounts;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 11, "Entrances": a WebSocket upgrade counts against the API's per-address quota (test profile:
 * 10 per 10 s). A real client speaking as another address (X-Forwarded-For from loopback) opens its
 * quota's worth of sockets, and the next upgrade is refused with 429, Retry-After and the RateLimit fields.
 */
@QuarkusTest
class SocketRateLimitTest {

    private static final int QUOTA = 10;

    @Inject
    Vertx vertx;

    @Test
    void upgradesBeyondThePerAddressQuotaAreRefusedWith429() throws Exception {
        String address = "10.212." + ThreadLocalRandom.current().nextInt(1, 250) + "." + ThreadLocalRandom.current().nextInt(1, 250);
        String token = Tokens.patient(DemoAccounts.ALICE_ACCOUNT, DemoAccounts.ALICE_PATIENT);
        WebSocketClient client = vertx.createWebSocketClient();
        List<WebSocket> opened = new ArrayList<>();
        try {
            UpgradeRejectedException refused = null;
            for (int i = 0; i <= QUOTA && refused == null; i++) {
                try {
                    opened.add(client.connect(options(address, token)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UpgradeRejectedException rejected)) {
                        throw e;
                    }
                    refused = rejected;
                }
            }
            assertNotNull(refused, "the upgrade after " + QUOTA + " should be refused");
            assertEquals(429, refused.getStatus());
            assertTrue(opened.size() >= QUOTA - 2 && opened.size() <= QUOTA, "sockets opened within the quota: " + opened.size());
            assertNotNull(refused.getHeaders().get("Retry-After"));
            assertTrue(refused.getHeaders().get("RateLimit-Policy").startsWith("\"api-address\";q=" + QUOTA), refused.getHeaders().get("RateLimit-Policy"));
            // Without credentials it is refused the same way: the quota comes before the token is looked at.
            try {
                client.connect(options(address, null)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                fail("refused");
            } catch (ExecutionException e) {
                assertEquals(429, ((UpgradeRejectedException) e.getCause()).getStatus());
            }
        } finally {
            opened.forEach(WebSocket::close);
            client.close();
        }
    }

    private static WebSocketConnectOptions options(String address, String bearer) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("localhost").setPort(RestAssured.port)
                .setURI("/api/v1/notifications/ws").addHeader("X-Forwarded-For", address);
        if (bearer != null) {
            options.addHeader("Authorization", "Bearer " + bearer);
        }
        return options;
    }
}
