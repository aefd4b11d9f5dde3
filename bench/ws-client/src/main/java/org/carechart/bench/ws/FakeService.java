package org.carechart.bench.ws;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for the service's notification contract, used only to check the load client itself
 * (lost, duplicated, gap and resume accounting) before the real endpoints exist:
 * {@code java -cp bench/ws-client/target/ws-client.jar org.carechart.bench.ws.FakeService 8690 [dropEvery [dupEvery]]}.
 * With dropEvery/dupEvery it misbehaves on purpose (skips or repeats every n-th live frame), to show
 * that the client's accounting catches it.
 * It does not verify tokens; it reads the patient_id claim to route events to the patient's sockets.
 */
public final class FakeService {

    record Event(long seq, JsonObject json) {
    }

    private final Map<String, List<Event>> inboxes = new ConcurrentHashMap<>();
    private final Map<String, Set<ServerWebSocket>> sockets = new ConcurrentHashMap<>();
    private int dropEvery;
    private int dupEvery;
    private long liveFrames;

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8690;
        FakeService service = new FakeService();
        service.dropEvery = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        service.dupEvery = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        service.start(port);
    }

    private void start(int port) {
        Vertx vertx = Vertx.vertx();
        vertx.createHttpServer(new HttpServerOptions().setPort(port)).webSocketHandler(ws -> {
            if (!ws.path().equals("/api/v1/notifications/ws")) {
                ws.reject(404);
                return;
            }
            String patient = patientClaim(ws.headers().get("Authorization"));
            if (patient == null) {
                ws.reject(401);
                return;
            }
            long after = -1;
            String query = ws.query();
            if (query != null && query.startsWith("after=")) {
                after = Long.parseLong(query.substring("after=".length()));
            }
            synchronized (this) {
                List<Event> inbox = inboxes.computeIfAbsent(patient, k -> new ArrayList<>());
                if (after >= 0) {
                    for (Event e : inbox) {
                        if (e.seq() > after) {
                            ws.writeTextMessage(e.json().encode());
                        }
                    }
                }
                sockets.computeIfAbsent(patient, k -> ConcurrentHashMap.newKeySet()).add(ws);
            }
            ws.closeHandler(v -> sockets.getOrDefault(patient, Set.of()).remove(ws));
        }).requestHandler(req -> {
            String[] parts = req.path().split("/");
            // /api/v1/patients/{p}/chart/entries
            if (req.method().name().equals("POST") && parts.length == 7 && parts[5].equals("chart") && parts[6].equals("entries")) {
                String patient = parts[4];
                String id = UUID.randomUUID().toString();
                req.body().onSuccess(b -> {
                    synchronized (this) {
                        List<Event> inbox = inboxes.computeIfAbsent(patient, k -> new ArrayList<>());
                        long seq = inbox.size() + 1;
                        JsonObject json = new JsonObject().put("seq", seq).put("id", UUID.randomUUID().toString())
                                .put("kind", "entry.added").put("patientId", patient).put("category", "observation")
                                .put("resourceId", id).put("title", "New observation").put("createdAt", Instant.now().toString());
                        inbox.add(new Event(seq, json));
                        for (ServerWebSocket ws : sockets.getOrDefault(patient, Set.of())) {
                            liveFrames++;
                            if (dropEvery > 0 && liveFrames % dropEvery == 0) {
                                continue;
                            }
                            ws.writeTextMessage(json.encode());
                            if (dupEvery > 0 && liveFrames % dupEvery == 0) {
                                ws.writeTextMessage(json.encode());
                            }
                        }
                    }
                    req.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                            .end(new JsonObject().put("id", id).encode());
                });
            } else {
                req.response().setStatusCode(404).end();
            }
        }).listen().onSuccess(s -> System.out.println("fake service on " + port));
    }

    private static String patientClaim(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String[] jwt = authorization.substring(7).split("\\.");
        if (jwt.length < 2) {
            return null;
        }
        return new JsonObject(new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8)).getString("patient_id");
    }
}
