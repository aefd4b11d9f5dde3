package org.carechart.notification;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.carechart.common.OwnConnection;
import org.carechart.access.Audience;
import org.carechart.notification.api.NotificationView;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * This instance's live streams and its one listening database connection. Every committed inbox
 * entry, whichever instance wrote it, arrives here as "account:seq" and wakes that account's
 * streams; each stream then reads its inbox itself. After the listening connection was lost and
 * re-established, every stream is woken, so what was committed in between is caught up from the inbox.
 */
@ApplicationScoped
@OwnConnection("the one LISTEN connection of this instance")
public class LiveHub {

    private static final Logger LOG = Logger.getLogger(LiveHub.class);

    @Inject
    Vertx vertx;

    @Inject
    LiveInboxReads inbox;

    @Inject
    Audience audience;

    @Inject
    NotificationConfig config;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> username;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    /** Account ids whose access to some patient ended: their streams end, every instance hears it at commit. */
    static final String ACCESS_ENDED_CHANNEL = "carechart_access_ended";

    private final Map<UUID, Set<Feed>> feeds = new ConcurrentHashMap<>();
    private final AtomicLong subscriptions = new AtomicLong();
    private volatile PgSubscriber subscriber;
    private volatile boolean stopping;

    void start(@Observes StartupEvent event) {
        PgConnectOptions options = PgConnectOptions.fromUri(url.startsWith("vertx-reactive:") ? url.substring(15) : url);
        username.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        options.setProperties(Map.of("application_name", "carechart-listener"));
        long delay = Math.max(1, config.listenerReconnectDelay().toMillis());
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> delay);
        subscriber.channel(ACCESS_ENDED_CHANNEL).handler(this::onAccessEnded);
        subscriber.channel(config.channel())
                .handler(this::onNotification)
                .subscribeHandler(this::onSubscribed)
                .exceptionHandler(failure -> LOG.debugf("Notification listener: %s", failure.getClass().getSimpleName()));
        subscriber.closeHandler(() -> {
            if (!stopping) {
                LOG.warn("The notification listener connection closed; connecting again");
                vertx.setTimer(delay, id -> connect());
            }
        });
        connect();
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        feeds.values().forEach(set -> set.forEach(Feed::close));
        if (subscriber != null) {
            subscriber.close().subscribe().with(ok -> { }, failure -> { });
        }
    }

    private void connect() {
        if (stopping) {
            return;
        }
        subscriber.connect().subscribe().with(ok -> LOG.debug("Notification listener connected"), failure -> {
            LOG.warnf("The notification listener could not connect (%s); trying again", failure.getClass().getSimpleName());
            vertx.setTimer(Math.max(1, config.listenerReconnectDelay().toMillis()), id -> connect());
        });
    }

    /** Called on the first LISTEN and after every reconnect: anything committed meanwhile is read from the inbox. */
    private void onSubscribed() {
        long count = subscriptions.incrementAndGet();
        if (count > 1) {
            LOG.info("Notification listener subscribed again; streams catch up from their inboxes");
        }
        feeds.values().forEach(set -> set.forEach(Feed::wake));
    }

    private void onNotification(String payload) {
        int colon = payload.indexOf(':');
        if (colon < 0) {
            return;
        }
        try {
            wake(UUID.fromString(payload.substring(0, colon)));
        } catch (IllegalArgumentException e) {
            // Not ours: anyone may NOTIFY on a channel.
        }
    }

    private void onAccessEnded(String payload) {
        try {
            Set<Feed> set = feeds.get(UUID.fromString(payload));
            if (set != null) {
                set.forEach(Feed::accessEnded);
            }
        } catch (IllegalArgumentException e) {
            // Not ours: anyone may NOTIFY on a channel.
        }
    }

    void wake(UUID accountId) {
        Set<Feed> set = feeds.get(accountId);
        if (set != null) {
            set.forEach(Feed::wake);
        }
    }

    /**
     * Opens a stream: registered for wake-ups first, then woken once to send everything after
     * {@code after}; so an event committed during the catch-up is read by the catch-up or by the
     * wake-up that follows it, and sent once.
     */
    Feed open(UUID accountId, UUID ownPatientId, long after, Function<NotificationView, Uni<Void>> sink, Runnable onFailure,
              Runnable onAccessEnded) {
        Feed feed = new Feed(accountId, ownPatientId, after, sink, inbox, audience, onFailure, onAccessEnded);
        feeds.computeIfAbsent(accountId, id -> ConcurrentHashMap.newKeySet()).add(feed);
        feed.wake();
        return feed;
    }

    void close(Feed feed) {
        feed.close();
        feeds.computeIfPresent(feed.accountId(), (id, set) -> {
            set.remove(feed);
            return set.isEmpty() ? null : set;
        });
    }

    /** How many times the listener has subscribed (1 after start, more after reconnects). */
    long subscriptions() {
        return subscriptions.get();
    }

    int openStreams() {
        return feeds.values().stream().mapToInt(Set::size).sum();
    }
}
