package org.carechart.notification;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.notification.api.NotificationView;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Inbox queries. Those named "in session" run in the caller's transaction; the others run on a
 * pooled connection of their own, for the live streams that outlive any request.
 */
@ApplicationScoped
public class InboxRepository {

    private static final String ENTRIES = """
            select i.seq, e.id, e.kind, e.patient_id, e.category, e.resource_id, e.title,
                   to_char(e.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
              from notification_inbox i join notification_event e on e.id = i.event_id
             where i.account_id = $1 and i.seq > $2
             order by i.seq
             limit $3
            """;

    private static final String STATE = "select last_seq, read_seq from notification_counter where account_id = ?1";

    private static final String MARK_READ = """
            update notification_counter set read_seq = greatest(read_seq, least(?2, last_seq))
             where account_id = ?1
            returning last_seq, read_seq
            """;

    private static final String INSERT_TICKET = """
            insert into notification_ws_ticket (ticket_hash, account_id, patient_id, token_expires_at, expires_at)
            values (?1, cast(?2 as uuid), cast(?5 as uuid), ?3, ?4)
            """;

    private static final String CONSUME_TICKET = """
            delete from notification_ws_ticket where ticket_hash = $1
            returning account_id, token_expires_at, expires_at > now(), patient_id
            """;

    private static final String PURGE_TICKETS = "delete from notification_ws_ticket where expires_at < now() - interval '1 minute'";

    @Inject
    Pool pool;

    /** (last_seq, read_seq) in session; both 0 for an account that never received anything. */
    Uni<long[]> stateInSession(UUID accountId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(STATE, Object[].class)
                .setParameter(1, accountId)
                .getResultList()
                .map(rows -> rows.isEmpty() ? new long[]{0, 0}
                        : new long[]{((Number) rows.get(0)[0]).longValue(), ((Number) rows.get(0)[1]).longValue()}));
    }

    Uni<long[]> markReadInSession(UUID accountId, long upTo) {
        return Panache.getSession().chain(session -> session.createNativeQuery(MARK_READ, Object[].class)
                .setParameter(1, accountId)
                .setParameter(2, upTo)
                .getResultList()
                .map(rows -> rows.isEmpty() ? new long[]{0, 0}
                        : new long[]{((Number) rows.get(0)[0]).longValue(), ((Number) rows.get(0)[1]).longValue()}));
    }

    Uni<Void> insertTicketInSession(byte[] hash, UUID accountId, UUID patientId, Instant tokenExpiresAt, Instant expiresAt) {
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT_TICKET)
                .setParameter(1, hash)
                .setParameter(2, accountId)
                .setParameter(3, OffsetDateTime.ofInstant(tokenExpiresAt, java.time.ZoneOffset.UTC))
                .setParameter(4, OffsetDateTime.ofInstant(expiresAt, java.time.ZoneOffset.UTC))
                .setParameter(5, patientId)
                .executeUpdate()).replaceWithVoid();
    }

    /** Entries after {@code after}, ascending, on an own connection. */
    Uni<List<NotificationView>> entriesAfter(UUID accountId, long after, int limit) {
        return pool.preparedQuery(ENTRIES).execute(Tuple.of(accountId, after, limit)).map(rows -> {
            List<NotificationView> views = new ArrayList<>();
            for (Row row : rows) {
                views.add(new NotificationView(row.getLong(0), row.getUUID(1), row.getString(2), row.getUUID(3),
                        row.getString(4), row.getString(5), row.getString(6), row.getString(7)));
            }
            return views;
        });
    }

    /** Deletes the ticket whatever its state, so it can never be used twice; null if it did not exist. */
    Uni<StreamPrincipal> consumeTicket(byte[] hash) {
        return pool.preparedQuery(CONSUME_TICKET).execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(hash)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    if (!row.getBoolean(2)) {
                        return null;
                    }
                    return new StreamPrincipal(row.getUUID(0), row.getUUID(3), row.getOffsetDateTime(1).toInstant());
                });
    }

    Uni<Void> purgeExpiredTickets() {
        return pool.query(PURGE_TICKETS).execute().replaceWithVoid();
    }
}
