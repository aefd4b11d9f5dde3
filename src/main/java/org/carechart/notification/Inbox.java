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

    /**
     * The unread count as SQL, for a feature that reads it inside a larger statement (the chart summary):
     * one row with column {@code unread} for the account bound as {@code :account}, none when it never
     * received anything.
     */
    public static final String UNREAD_COUNT_SQL = "select c.last_seq - c.read_seq as unread from notification_counter c"
            + " where c.account_id = cast(:account as uuid)";

    @Inject
    InboxRepository repository;

    /** Events after the read mark: two numbers of one row, cheap enough for every summary. */
    public Uni<Long> unreadCount(UUID accountId) {
        if (accountId == null) {
            return Uni.createFrom().item(0L);
        }
        return repository.counter(accountId).map(InboxRepository.Counter::unread);
    }
}
