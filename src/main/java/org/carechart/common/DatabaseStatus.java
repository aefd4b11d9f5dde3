package org.carechart.common;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether PostgreSQL can be reached, as the service has seen it. A request that fails for want of the
 * database marks it unreachable; from then on requests are answered 503 with {@code Retry-After} at
 * once, without touching the pool, while one probe reconnects with backoff (0.1 s doubling to
 * {@link #MAX_BACKOFF}); the first probe that gets an answer marks it back. Each change is one log line.
 */
@org.carechart.common.OwnConnection("probes the database with a connection of its own")
@ApplicationScoped
public class DatabaseStatus {

    private static final Logger LOG = Logger.getLogger(DatabaseStatus.class);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(2);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    /** Seconds a client is told to wait (Retry-After). */
    public static final int RETRY_AFTER_SECONDS = 2;
    /** SQLSTATE classes and codes that mean "not now", not "wrong": connection, shutdown, starting up, too many. */
    private static final Set<String> OUTAGE_STATES = Set.of("57P01", "57P02", "57P03", "53300", "53000");

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    private final AtomicBoolean down = new AtomicBoolean();
    private volatile Instant downSince;
    private volatile boolean stopped;

    public boolean isDown() {
        return down.get();
    }

    /** Called with a failure that {@link #isOutage} says is the database's absence. */
    public void unreachable(Throwable cause) {
        if (stopped || !down.compareAndSet(false, true)) {
            return;
        }
        downSince = Instant.now();
        LOG.warnf("PostgreSQL is unreachable (%s): answering 503 and reconnecting with backoff", describe(cause));
        probeAfter(FIRST_BACKOFF);
    }

    /**
     * For readiness: while known to be away, no (not without the probe's news); otherwise a live
     * {@code select 1} on the request pool within 2 s, and a failure that means an outage marks it away.
     */
    public Uni<Boolean> answers() {
        if (isDown()) {
            return Uni.createFrom().item(false);
        }
        return pool.query("select 1").execute().map(rows -> true)
                .ifNoItem().after(Duration.ofSeconds(2)).fail()
                .onFailure().recoverWithItem(failure -> {
                    if (isOutage(failure) || failure instanceof io.smallrye.mutiny.TimeoutException) {
                        unreachable(failure);
                    }
                    return false;
                });
    }

    /**
     * One connection of its own, opened and closed: the probe never waits in the pool's queue (whose
     * acquisition timers misfire when connecting fails: "Result is already complete" from the pool's timer).
     */
    private Uni<Boolean> probe() {
        return io.vertx.mutiny.pgclient.PgConnection.connect(vertx, DatabaseOptions.connectOptions())
                .chain(connection -> connection.query("select 1").execute().eventually(connection::close))
                .map(rows -> true)
                .ifNoItem().after(Duration.ofSeconds(3)).fail()
                .onFailure().recoverWithItem(false);
    }

    private void probeAfter(Duration wait) {
        vertx.setTimer(wait.toMillis(), id -> probe().subscribe().with(up -> {
            if (stopped) {
                return;
            }
            if (up) {
                down.set(false);
                LOG.infof("PostgreSQL is reachable again after %.1f s", Duration.between(downSince, Instant.now()).toMillis() / 1000.0);
            } else {
                Duration next = wait.multipliedBy(2);
                probeAfter(next.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : next);
            }
        }));
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
    }

    /** Whether the failure (or one of its causes) means the database is not there, rather than a bug or bad input. */
    public static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof ClosedChannelException
                    || t instanceof io.vertx.sqlclient.ClosedConnectionException) {
                return true;
            }
            if (t instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("08") || OUTAGE_STATES.contains(pg.getSqlState()))) {
                return true;
            }
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if ((t instanceof IOException || t instanceof io.vertx.core.VertxException
                    || t.getClass().getName().startsWith("io.vertx") || t.getClass().getName().startsWith("io.netty"))
                    && (message.contains("connection refused") || message.contains("connection reset")
                    || message.contains("connection has been closed") || message.contains("connection is closed")
                    || message.contains("closed connection") || message.contains("timeout")
                    || message.contains("failed to connect"))) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg) {
                return "SQLSTATE " + pg.getSqlState();
            }
            if (t.getCause() == null) {
                return t.getClass().getSimpleName();
            }
        }
        return "unknown";
    }
}
