package org.carechart.notification;

import io.restassured.RestAssured;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;

import static org.awaitility.Awaitility.await;

/** A Server-Sent Events client reading line by line as a browser's EventSource would; keeps ids and data. */
final class SseStream implements Flow.Subscriber<String>, AutoCloseable {

    final List<String> ids = new CopyOnWriteArrayList<>();
    final List<String> data = new CopyOnWriteArrayList<>();
    private volatile Flow.Subscription subscription;

    static SseStream open(String token, String query) {
        return open(token, query, Map.of());
    }

    /** With extra request headers, e.g. Last-Event-ID to resume as a reconnecting EventSource does. */
    static SseStream open(String token, String query, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                        + "/api/v1/notifications/sse" + (query == null ? "" : "?" + query)))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream");
        headers.forEach(request::header);
        SseStream stream = new SseStream();
        var response = HttpClient.newHttpClient().sendAsync(request.build(), HttpResponse.BodyHandlers.fromLineSubscriber(stream));
        await().atMost(Duration.ofSeconds(15)).until(() -> stream.subscription != null || response.isDone());
        if (stream.subscription == null) {
            throw new AssertionError("the SSE stream did not open");
        }
        return stream;
    }

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

    @Override
    public void close() {
        if (subscription != null) {
            subscription.cancel();
        }
    }
}
