package org.carechart.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Inject;
import org.carechart.notification.api.NotificationView;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Live notifications over a WebSocket. The caller was authenticated at the upgrade
 * ({@link SocketUpgradeCheck}); {@code ?after=N} resumes after the last number the client saw.
 * Each message is one JSON text frame (a {@link NotificationView}). Closes with 4401 when the
 * token expires, 4400 on a bad {@code after}, 1011 when the stream failed (resume with after).
 */
@WebSocket(path = "/api/v1/notifications/ws", endpointId = NotificationSocket.ENDPOINT_ID)
public class NotificationSocket {

    static final String ENDPOINT_ID = "carechart-notifications";
    static final UserData.TypedKey<StreamPrincipal> PRINCIPAL = new UserData.TypedKey<>("carechart.principal");
    private static final UserData.TypedKey<Feed> FEED = new UserData.TypedKey<>("carechart.feed");
    private static final UserData.TypedKey<long[]> TIMERS = new UserData.TypedKey<>("carechart.timers");

    public static final int TOKEN_EXPIRED = 4401;
    public static final int BAD_REQUEST = 4400;
    /** Access to a patient ended (a proxy or care-team link): reconnect with after; that patient no longer comes. */
    public static final int ACCESS_ENDED = 4403;

    @Inject
    LiveHub hub;

    @Inject
    ObjectMapper json;

    @Inject
    Vertx vertx;

    @Inject
    NotificationConfig config;

    @OnOpen
    public Uni<Void> onOpen(WebSocketConnection connection) {
        StreamPrincipal principal = connection.userData().get(PRINCIPAL);
        if (principal == null) {
            return connection.close(new CloseReason(TOKEN_EXPIRED, "not authenticated"));
        }
        Long after = after(connection.handshakeRequest().query());
        if (after == null) {
            return connection.close(new CloseReason(BAD_REQUEST, "after must be a sequence number"));
        }
        long untilExpiry = Duration.between(Instant.now(), principal.expiresAt()).toMillis();
        if (untilExpiry <= 0) {
            return connection.close(new CloseReason(TOKEN_EXPIRED, "token expired"));
        }
        long expiryTimer = vertx.setTimer(untilExpiry, id ->
                connection.close(new CloseReason(TOKEN_EXPIRED, "token expired")).subscribe().with(ok -> { }, f -> { }));
        long pingTimer = vertx.setPeriodic(Math.max(1000, config.pingInterval().toMillis()), id ->
                connection.sendPing(Buffer.buffer("ping")).subscribe().with(ok -> { }, f -> { }));
        connection.userData().put(TIMERS, new long[]{expiryTimer, pingTimer});
        Feed feed = hub.open(principal.accountId(), principal.ownPatientId(), after, view -> connection.sendText(text(view)),
                () -> connection.close(new CloseReason(CloseReason.INTERNAL_SERVER_ERROR.getCode(),
                        "stream interrupted: reconnect with after")).subscribe().with(ok -> { }, f -> { }),
                () -> connection.close(new CloseReason(ACCESS_ENDED, "access changed: reconnect with after"))
                        .subscribe().with(ok -> { }, f -> { }));
        connection.userData().put(FEED, feed);
        return Uni.createFrom().voidItem();
    }

    @OnClose
    public void onClose(WebSocketConnection connection) {
        Feed feed = connection.userData().get(FEED);
        if (feed != null) {
            hub.close(feed);
        }
        long[] timers = connection.userData().get(TIMERS);
        if (timers != null) {
            for (long timer : timers) {
                vertx.cancelTimer(timer);
            }
        }
    }

    private String text(NotificationView view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A notification could not be written as JSON", e);
        }
    }

    /** The {@code after} query parameter: 0 when absent, null when not a non-negative number. */
    static Long after(String query) {
        String value = queryParam(query, "after");
        if (value == null || value.isEmpty()) {
            return 0L;
        }
        try {
            long after = Long.parseLong(value);
            return after < 0 ? null : after;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String queryParam(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
