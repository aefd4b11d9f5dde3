package org.carechart.notification;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** An app's webhook endpoint on loopback: records every request and answers with the statuses it is told. */
final class WebhookReceiver implements AutoCloseable {

    record Received(Map<String, String> headers, String body) {
    }

    final List<Received> requests = new CopyOnWriteArrayList<>();
    final Queue<Integer> answers = new ConcurrentLinkedQueue<>();
    volatile int defaultAnswer = 200;
    private final HttpServer server;

    WebhookReceiver(Vertx vertx) {
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            Map<String, String> headers = new java.util.HashMap<>();
            request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(java.util.Locale.ROOT), h.getValue()));
            requests.add(new Received(headers, body.toString()));
            Integer answer = answers.poll();
            request.response().setStatusCode(answer == null ? defaultAnswer : answer).end();
        }));
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.actualPort() + "/hooks/carechart";
    }

    @Override
    public void close() {
        server.close();
    }
}
