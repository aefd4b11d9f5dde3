package org.carechart.notification;

import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client (Vert.x) that keeps every text frame and the close code it got (also used by the packaged-artifact suite). */
public final class SocketClient implements AutoCloseable {

    final List<String> frames = new CopyOnWriteArrayList<>();
    volatile Short closeCode;
    volatile String closeReason;
    private final WebSocketClient client;
    private WebSocket socket;

    private SocketClient(Vertx vertx) {
        this.client = vertx.createWebSocketClient();
    }

    public static SocketClient open(Vertx vertx, String query, String bearer) {
        SocketClient client = new SocketClient(vertx);
        CompletableFuture<WebSocket> opened = new CompletableFuture<>();
        // Connect from the event loop and attach the handlers in the completion callback: the server
        // sends its catch-up (or a close) right after the upgrade, and a handler attached later, from
        // the test's thread, would miss those frames.
        vertx.runOnContext(v -> client.client.connect(options(query, bearer)).onComplete(result -> {
            if (result.failed()) {
                opened.completeExceptionally(result.cause());
                return;
            }
            WebSocket socket = result.result();
            socket.textMessageHandler(client.frames::add);
            socket.closeHandler(closed -> {
                client.closeReason = socket.closeReason();
                client.closeCode = socket.closeStatusCode();
            });
            opened.complete(socket);
        }));
        try {
            client.socket = opened.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the socket did not open", e);
        }
        return client;
    }

    /** The HTTP status the upgrade was refused with. */
    static int refusal(Vertx vertx, String query, String bearer) {
        WebSocketClient client = vertx.createWebSocketClient();
        try {
            client.connect(options(query, bearer)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            throw new AssertionError("the upgrade should have been refused");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UpgradeRejectedException rejected) {
                return rejected.getStatus();
            }
            throw new AssertionError("unexpected failure", e);
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            client.close();
        }
    }

    private static WebSocketConnectOptions options(String query, String bearer) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("localhost").setPort(RestAssured.port)
                .setURI("/api/v1/notifications/ws" + (query == null ? "" : "?" + query));
        if (bearer != null) {
            options.addHeader("Authorization", "Bearer " + bearer);
        }
        return options;
    }

    public List<JsonObject> messages() {
        return frames.stream().map(JsonObject::new).toList();
    }

    List<Long> seqs() {
        return messages().stream().map(m -> m.getLong("seq")).toList();
    }

    boolean isClosed() {
        return closeCode != null;
    }

    @Override
    public void close() {
        if (socket != null && !socket.isClosed()) {
            socket.close();
        }
        client.close();
    }
}
