package org.carechart.notification;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.carechart.common.Sql;
import org.carechart.common.SqlRow;
import org.carechart.notification.api.NotificationView;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Inbox queries in the caller's unit of work (its session); the live streams read through {@link LiveInboxReads}. */
@ApplicationScoped
public class InboxRepository {

    /** An inbox entry with its event (notification_inbox {@code i}, notification_event {@code e}), read by {@link #entry}. */
    static final String ENTRY_COLUMNS = "i.seq, e.id, e.kind, e.patient_id, e.category, e.resource_id, e.title,"
            + " to_char(e.created_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') as created_at";

    static final String ENTRIES_FROM = " from notification_inbox i join notification_event e on e.id = i.event_id";

    /** The read mark of one account: (last_seq, read_seq), both 0 for an account that never received anything. */
    record Counter(long lastSeq, long readSeq) {

        static final Counter NONE = new Counter(0, 0);

        static Counter from(SqlRow r) {
            return new Counter(r.number("last_seq"), r.number("read_seq"));
        }

        long unread() {
            return lastSeq - readSeq;
        }
    }

    static NotificationView entry(SqlRow r) {
        return new NotificationView(r.number("seq"), r.uuid("id"), r.text("kind"), r.uuid("patient_id"),
                r.text("category"), r.text("resource_id"), r.text("title"), r.text("created_at"));
    }

    Uni<List<NotificationView>> entriesAfter(UUID accountId, long after, int limit) {
        return Sql.of("select " + ENTRY_COLUMNS + ENTRIES_FROM
                        + " where i.account_id = :a and i.seq > :after order by i.seq limit :limit")
                .bind("a", accountId).bind("after", after).bind("limit", limit).list(InboxRepository::entry);
    }

    Uni<Counter> counter(UUID accountId) {
        return Sql.of("select last_seq, read_seq from notification_counter where account_id = :a")
                .bind("a", accountId).first(Counter::from).map(c -> c.orElse(Counter.NONE));
    }

    Uni<Counter> markRead(UUID accountId, long upTo) {
        return Sql.of("update notification_counter set read_seq = greatest(read_seq, least(:upTo, last_seq))"
                        + " where account_id = :a returning last_seq, read_seq")
                .bind("a", accountId).bind("upTo", upTo).first(Counter::from).map(c -> c.orElse(Counter.NONE));
    }

    Uni<Void> insertTicket(byte[] hash, UUID accountId, UUID patientId, Instant tokenExpiresAt, Instant expiresAt) {
        return Sql.of("insert into notification_ws_ticket (ticket_hash, account_id, patient_id, token_expires_at, expires_at)"
                        + " values (:hash, :a, cast(:p as uuid), :tokenExpires, :expires)")
                .bind("hash", hash).bind("a", accountId).bind("p", patientId).bind("tokenExpires", tokenExpiresAt)
                .bind("expires", expiresAt).execute().replaceWithVoid();
    }
}
