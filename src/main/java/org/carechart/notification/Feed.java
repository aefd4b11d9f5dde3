package org.carechart.notification;

import io.smallrye.mutiny.Uni;
import org.carechart.access.Audience;
import org.carechart.notification.api.NotificationView;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One live stream (a socket or an SSE response). It never trusts a wake-up's content: on every
 * wake-up it reads the inbox strictly after the last number it sent and sends what it finds, in
 * order. The inbox is gap-free in commit order, so a stream can neither skip nor repeat an event,
 * whether the event was committed before the stream opened, during its catch-up, or while the
 * listener was reconnecting. Wake-ups during a read are counted, not lost: the read is repeated.
 */
final class Feed {

    private static final Logger LOG = Logger.getLogger(Feed.class);
    static final int BATCH = 100;

    private final UUID accountId;
    private final UUID ownPatientId;
    private final Function<NotificationView, Uni<Void>> sink;
    private final LiveInboxReads inbox;
    private final Audience audience;
    private final Runnable onFailure;
    private final Runnable onAccessEnded;
    private final AtomicInteger pendingWakeUps = new AtomicInteger();
    private volatile long lastSent;
    private volatile boolean closed;

    Feed(UUID accountId, UUID ownPatientId, long after, Function<NotificationView, Uni<Void>> sink, LiveInboxReads inbox,
         Audience audience, Runnable onFailure, Runnable onAccessEnded) {
        this.accountId = accountId;
        this.ownPatientId = ownPatientId;
        this.lastSent = after;
        this.sink = sink;
        this.inbox = inbox;
        this.audience = audience;
        this.onFailure = onFailure;
        this.onAccessEnded = onAccessEnded;
    }

    UUID accountId() {
        return accountId;
    }

    long lastSent() {
        return lastSent;
    }

    void close() {
        closed = true;
    }

    /** The account lost access to a patient: end the stream so the client reconnects and resumes. */
    void accessEnded() {
        if (!closed) {
            closed = true;
            onAccessEnded.run();
        }
    }

    boolean isClosed() {
        return closed;
    }

    void wake() {
        if (!closed && pendingWakeUps.getAndIncrement() == 0) {
            drain(1);
        }
    }

    private void drain(int wakeUps) {
        if (closed) {
            return;
        }
        readAndSend().subscribe().with(full -> {
            if (closed) {
                return;
            }
            if (full) {
                drain(wakeUps);
                return;
            }
            int remaining = pendingWakeUps.addAndGet(-wakeUps);
            if (remaining != 0) {
                drain(remaining);
            }
        }, failure -> {
            if (!closed) {
                LOG.warnf("A notification stream failed (%s); it is closed so the client resumes", failure.getClass().getName());
                closed = true;
                onFailure.run();
            }
        });
    }

    /** True when the batch was full: there may be more right away. */
    private Uni<Boolean> readAndSend() {
        return inbox.entriesAfter(accountId, lastSent, BATCH).chain(entries -> {
            if (entries.isEmpty()) {
                return Uni.createFrom().item(false);
            }
            Set<UUID> patients = entries.stream().map(NotificationView::patientId)
                    .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
            if (ownPatientId != null && patients.equals(Set.of(ownPatientId))) {
                // A patient always hears of their own chart: no need to ask.
                return send(entries, patients).replaceWith(entries.size() == BATCH);
            }
            return audience.stillReaches(accountId, patients)
                    .chain(reached -> send(entries, reached))
                    .replaceWith(entries.size() == BATCH);
        });
    }

    /** Sends in order; events of a patient the account no longer reaches are passed over, not sent. */
    private Uni<Void> send(List<NotificationView> entries, Set<UUID> reached) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (NotificationView entry : entries) {
            boolean deliver = entry.patientId() == null || reached.contains(entry.patientId());
            chain = chain.chain(() -> {
                if (closed) {
                    return Uni.createFrom().voidItem();
                }
                Uni<Void> sent = deliver ? sink.apply(entry) : Uni.createFrom().voidItem();
                return sent.invoke(() -> lastSent = entry.seq());
            });
        }
        return chain;
    }
}
