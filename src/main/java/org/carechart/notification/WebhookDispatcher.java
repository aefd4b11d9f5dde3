package org.carechart.notification;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.net.SocketAddress;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.access.Audience;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Sends due webhook deliveries, signed, and schedules retries with growing delays (the configured
 * schedule, more than a day by default). Before each attempt it asks whether the app still holds
 * a grant for the patient and category, and whether the URL still resolves to public addresses;
 * it then connects to the address that was checked.
 * Several instances may run it: a claimed delivery is leased, so none is sent twice at once.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    @Inject
    WebhookRepository repository;

    @Inject
    Audience audience;

    @Inject
    UrlGuard urlGuard;

    @Inject
    NotificationConfig config;

    @Inject
    Vertx vertx;

    @Inject
    LiveInboxReads inbox;

    private WebClient client;

    @PostConstruct
    void createClient() {
        client = WebClient.create(vertx, new WebClientOptions()
                .setFollowRedirects(false)
                .setUserAgent("Carechart-Webhooks/1")
                .setConnectTimeout((int) config.webhooks().timeout().toMillis()));
    }

    @PreDestroy
    void closeClient() {
        client.close();
    }

    @Scheduled(every = "${carechart.notification.webhooks.poll-interval:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> dispatch() {
        return repository.claimDue(config.webhooks().batchSize(), config.webhooks().lease())
                .onItem().transformToMulti(due -> Multi.createFrom().iterable(due))
                .onItem().transformToUniAndMerge(this::attempt)
                .collect().asList()
                .call(done -> inbox.purgeExpiredTickets())
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Webhook dispatch pass failed (%s)", failure.getClass().getSimpleName());
                    return null;
                });
    }

    private Uni<Void> attempt(WebhookRepository.Due due) {
        if (due.webhookDeleted()) {
            return repository.stop(due.id(), "subscription deleted");
        }
        return audience.appStillGranted(due.appAccountId(), due.patientId(), due.category()).chain(granted -> {
            if (!granted) {
                return repository.stop(due.id(), "grant ended");
            }
            return urlGuard.check(due.url())
                    .chain(target -> send(due, target))
                    .onFailure().recoverWithUni(failure -> failed(due, null, "address refused"));
        });
    }

    /**
     * Connects to exactly the address the guard checked (no second resolution, so no DNS rebinding);
     * the URL's host still goes out as Host and as the TLS server name, and the certificate is
     * verified against it.
     */
    private Uni<Void> send(WebhookRepository.Due due, UrlGuard.Target target) {
        long timestamp = Instant.now().getEpochSecond();
        String id = due.eventId().toString();
        SocketAddress pinned = SocketAddress.inetSocketAddress(target.port(), target.address().getHostAddress());
        return client.requestAbs(HttpMethod.POST, pinned, due.url())
                .putHeader("content-type", "application/json")
                .putHeader("webhook-id", id)
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", WebhookSigner.signature(due.secret(), id, timestamp, due.body()))
                .timeout(config.webhooks().timeout().toMillis())
                .sendBuffer(Buffer.buffer(due.body()))
                .chain(response -> response.statusCode() >= 200 && response.statusCode() < 300
                        ? repository.recordAttempt(due.id(), "delivered", response.statusCode(), null, null)
                        : failed(due, response.statusCode(), "receiver answered " + response.statusCode()))
                .onFailure().recoverWithUni(failure -> failed(due, null, failure instanceof java.util.concurrent.TimeoutException
                        || failure.getClass().getSimpleName().contains("Timeout") ? "timed out" : "could not connect"));
    }

    private Uni<Void> failed(WebhookRepository.Due due, Integer statusCode, String error) {
        List<Duration> schedule = config.webhooks().retrySchedule();
        int attemptsMade = due.attempts() + 1;
        if (attemptsMade > schedule.size()) {
            return repository.recordAttempt(due.id(), "failed", statusCode, error, null);
        }
        return repository.recordAttempt(due.id(), "pending", statusCode, error,
                Instant.now().plus(schedule.get(attemptsMade - 1)));
    }
}
