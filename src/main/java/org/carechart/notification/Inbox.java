package org.carechart.notification;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/**
 * A caller's notification inbox, as other features see it. Runs in the caller's session: the chart
 * summary asks inside its own transaction.
 */
@ApplicationScoped
public class Inbox {

    @Inject
    InboxRepository repository;

    /** Events after the read mark: two numbers of one row, cheap enough for every summary. */
    public Uni<Long> unreadCount(UUID accountId) {
        if (accountId == null) {
            return Uni.createFrom().item(0L);
        }
        return repository.stateInSession(accountId).map(state -> state[0] - state[1]);
    }
}
