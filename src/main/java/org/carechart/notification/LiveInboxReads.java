package org.carechart.notification;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.common.BearerSecrets;
import org.carechart.common.OwnConnection;
import org.carechart.notification.api.NotificationView;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The inbox as the live streams read it: one prepared statement at a time on a pooled connection of its
 * own, since a stream outlives every request. Never called inside a unit of work (the inbox page reads
 * through {@link InboxRepository} on the request's session).
 */
@ApplicationScoped
@OwnConnection("live streams and socket upgrades run outside any request's unit of work")
public class LiveInboxReads {

    private static final String ENTRIES = "select " + InboxRepository.ENTRY_COLUMNS + InboxRepository.ENTRIES_FROM
            + " where i.account_id = $1 and i.seq > $2 order by i.seq limit $3";

    private static final String CONSUME_TICKET = """
            delete from notification_ws_ticket where ticket_hash = $1
            returning account_id, token_expires_at, expires_at > now() as valid, patient_id
            """;

    private static final String PURGE_TICKETS = "delete from notification_ws_ticket where expires_at < now() - interval '1 minute'";

    @Inject
    Pool pool;

    /** Entries after {@code after}, ascending. */
    Uni<List<NotificationView>> entriesAfter(UUID accountId, long after, int limit) {
        return pool.preparedQuery(ENTRIES).execute(Tuple.of(accountId, after, limit)).map(rows -> {
            List<NotificationView> views = new ArrayList<>();
            for (Row row : rows) {
                views.add(new NotificationView(row.getLong("seq"), row.getUUID("id"), row.getString("kind"),
                        row.getUUID("patient_id"), row.getString("category"), row.getString("resource_id"),
                        row.getString("title"), row.getString("created_at")));
            }
            return views;
        });
    }

    /** Uses up a ticket: null when unknown, already used or expired; deleted whatever its state, so never used twice. */
    Uni<StreamPrincipal> redeemTicket(String ticket) {
        if (ticket == null || ticket.isBlank() || ticket.length() > 100) {
            return Uni.createFrom().nullItem();
        }
        return pool.preparedQuery(CONSUME_TICKET)
                .execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(BearerSecrets.sha256(ticket))))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    if (!row.getBoolean("valid")) {
                        return null;
                    }
                    return new StreamPrincipal(row.getUUID("account_id"), row.getUUID("patient_id"),
                            row.getOffsetDateTime("token_expires_at").toInstant());
                });
    }

    Uni<Void> purgeExpiredTickets() {
        return pool.query(PURGE_TICKETS).execute().replaceWithVoid();
    }
}
