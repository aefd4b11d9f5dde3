package org.carechart.notification;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.access.Audience;
import org.carechart.common.BearerSecrets;
import org.carechart.common.ProblemException;
import org.carechart.identity.Caller;
import org.carechart.notification.api.InboxPage;
import org.carechart.notification.api.NotificationView;
import org.carechart.notification.api.ReadState;
import org.carechart.notification.api.WsTicket;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/** The caller's own inbox: paging, the read mark, and tickets for browser WebSockets. */
@ApplicationScoped
public class NotificationService {

    @Inject
    InboxRepository repository;

    @Inject
    Audience audience;

    @Inject
    NotificationConfig config;

    Clock clock = Clock.systemUTC();

    /**
     * Entries after {@code after}, ascending. Events of a patient the caller no longer reaches (a
     * proxy link or care-team membership ended) are left out, as the live streams leave them out.
     * The entries and the read state are read in one transaction; who the caller still reaches is asked
     * after it has ended, so the request never holds two pool connections at once.
     */
    public Uni<InboxPage> page(Caller caller, long after, int limit) {
        UUID account = requireAccount(caller);
        if (after < 0) {
            throw ProblemException.invalid("after", "must be zero or a sequence number");
        }
        return read(account, after, limit + 1)
                .chain(read -> {
                    boolean hasMore = read.entries().size() > limit;
                    List<NotificationView> slice = hasMore ? read.entries().subList(0, limit) : read.entries();
                    var patients = slice.stream().map(NotificationView::patientId).filter(Objects::nonNull).collect(Collectors.toSet());
                    var state = read.state();
                    return audience.stillReaches(account, patients).map(reached -> {
                        List<NotificationView> visible = slice.stream()
                                .filter(v -> v.patientId() == null || reached.contains(v.patientId())).toList();
                        long nextAfter = slice.isEmpty() ? after : slice.get(slice.size() - 1).seq();
                        return new InboxPage(visible, state.lastSeq(), state.readSeq(), state.unread(), hasMore, nextAfter);
                    });
                });
    }

    /** The entries (up to {@code limit}) and the read state, in one transaction that ends before the reach check. */
    @WithTransaction
    Uni<InboxRead> read(UUID account, long after, int limit) {
        return repository.entriesAfter(account, after, limit)
                .chain(entries -> repository.counter(account).map(state -> new InboxRead(entries, state)));
    }

    record InboxRead(List<NotificationView> entries, InboxRepository.Counter state) {
    }

    @WithTransaction
    public Uni<ReadState> markRead(Caller caller, long upTo) {
        UUID account = requireAccount(caller);
        return repository.markRead(account, upTo).map(s -> new ReadState(s.lastSeq(), s.readSeq(), s.unread()));
    }

    /** A random ticket, kept only as its hash; the socket opened with it ends when the token would have. */
    @WithTransaction
    public Uni<WsTicket> issueTicket(Caller caller, Instant tokenExpiresAt) {
        UUID account = requireAccount(caller);
        String ticket = BearerSecrets.newSecret();
        Instant expiresAt = clock.instant().plus(config.ticketTtl());
        return repository.insertTicket(BearerSecrets.sha256(ticket), account, caller.patientId(), tokenExpiresAt, expiresAt)
                .replaceWith(new WsTicket(ticket, expiresAt));
    }

    private static UUID requireAccount(Caller caller) {
        if (caller.isAnonymous()) {
            throw new io.quarkus.security.UnauthorizedException();
        }
        return caller.accountId();
    }
}
