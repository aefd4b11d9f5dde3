package org.carechart.notification;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.common.OwnConnection;
import org.carechart.notification.api.DeliveryView;
import org.carechart.notification.api.WebhookView;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Webhook subscriptions and their delivery log. Every operation is one statement, so each is
 * atomic on its own pooled connection; the dispatcher claims due rows with SKIP LOCKED and a lease.
 */
@ApplicationScoped
@OwnConnection("webhook subscriptions and the dispatcher's delivery log: one atomic statement each, no unit of work")
public class WebhookRepository {

    /** A claimed delivery with what is needed to send it. */
    record Due(UUID id, UUID eventId, String body, int attempts, UUID patientId, String category, String url,
               String secret, UUID appAccountId, boolean webhookDeleted) {
    }

    private static final String DELIVERY_COLUMNS = """
            id, event_id, kind, status, attempts, last_status_code, last_error, last_attempt_at, next_attempt_at,
            created_at, delivered_at""";

    @Inject
    Pool pool;

    Uni<WebhookView> insert(UUID id, UUID app, String url, List<String> kinds, String secret) {
        return pool.preparedQuery("""
                        insert into webhook (id, app_account_id, url, kinds, secret) values ($1, $2, $3, $4, $5)
                        returning created_at""")
                .execute(Tuple.of(id, app, url, kinds.toArray(String[]::new), secret))
                .map(rows -> new WebhookView(id, url, kinds, rows.iterator().next().getOffsetDateTime(0).toInstant()));
    }

    Uni<List<WebhookView>> list(UUID app) {
        return pool.preparedQuery("""
                        select id, url, kinds, created_at from webhook
                         where app_account_id = $1 and deleted_at is null order by created_at, id""")
                .execute(Tuple.of(app)).map(WebhookRepository::webhooks);
    }

    Uni<WebhookView> find(UUID app, UUID id) {
        return pool.preparedQuery("""
                        select id, url, kinds, created_at from webhook
                         where app_account_id = $1 and id = $2 and deleted_at is null""")
                .execute(Tuple.of(app, id)).map(rows -> webhooks(rows).stream().findFirst().orElse(null));
    }

    /** Deletes the subscription and stops its pending deliveries; false when there was none. */
    Uni<Boolean> delete(UUID app, UUID id) {
        return pool.preparedQuery("""
                        with gone as (
                            update webhook set deleted_at = now()
                             where app_account_id = $1 and id = $2 and deleted_at is null returning id
                        ), stopped as (
                            update webhook_delivery set status = 'stopped', last_error = 'subscription deleted'
                             where webhook_id in (select id from gone) and status = 'pending' returning 1
                        )
                        select count(*) from gone, (select count(*) from stopped) s""")
                .execute(Tuple.of(app, id)).map(rows -> rows.iterator().next().getLong(0) > 0);
    }

    /** Newest first; keyset after (createdAt, id) of the last row of the previous page. */
    Uni<List<DeliveryView>> deliveries(UUID webhook, Instant beforeAt, UUID beforeId, int limit) {
        String sql = "select " + DELIVERY_COLUMNS + " from webhook_delivery where webhook_id = $1"
                + (beforeAt == null ? "" : " and (created_at, id) < ($3, $4)")
                + " order by created_at desc, id desc limit $2";
        Tuple args = beforeAt == null ? Tuple.of(webhook, limit)
                : Tuple.of(webhook, limit, OffsetDateTime.ofInstant(beforeAt, ZoneOffset.UTC), beforeId);
        return pool.preparedQuery(sql).execute(args).map(rows -> {
            List<DeliveryView> views = new ArrayList<>();
            for (Row row : rows) {
                views.add(delivery(row));
            }
            return views;
        });
    }

    /** A new delivery of the same event and body, due now; null when the original is not this webhook's. */
    Uni<DeliveryView> redeliver(UUID webhook, UUID deliveryId) {
        return pool.preparedQuery("insert into webhook_delivery (id, webhook_id, event_id, patient_id, category, kind, body) "
                        + "select $3, webhook_id, event_id, patient_id, category, kind, body from webhook_delivery "
                        + "where webhook_id = $1 and id = $2 returning " + DELIVERY_COLUMNS)
                .execute(Tuple.of(webhook, deliveryId, UUID.randomUUID()))
                .map(rows -> rows.size() == 0 ? null : delivery(rows.iterator().next()));
    }

    /** Claims due deliveries: they are hidden from other dispatchers for the lease. */
    Uni<List<Due>> claimDue(int limit, java.time.Duration lease) {
        return pool.preparedQuery("""
                        update webhook_delivery d set next_attempt_at = now() + make_interval(secs => $2)
                          from webhook w
                         where w.id = d.webhook_id
                           and d.id in (select id from webhook_delivery
                                         where status = 'pending' and next_attempt_at <= now()
                                         order by next_attempt_at limit $1 for update skip locked)
                        returning d.id, d.event_id, d.body, d.attempts, d.patient_id, d.category, w.url, w.secret,
                                  w.app_account_id, w.deleted_at is not null""")
                .execute(Tuple.of(limit, (double) lease.toMillis() / 1000.0))
                .map(rows -> {
                    List<Due> due = new ArrayList<>();
                    for (Row r : rows) {
                        due.add(new Due(r.getUUID(0), r.getUUID(1), r.getString(2), r.getInteger(3), r.getUUID(4),
                                r.getString(5), r.getString(6), r.getString(7), r.getUUID(8), r.getBoolean(9)));
                    }
                    return due;
                });
    }

    /** Records one attempt; {@code nextAttemptAt} only for status pending. */
    Uni<Void> recordAttempt(UUID id, String status, Integer statusCode, String error, Instant nextAttemptAt) {
        return pool.preparedQuery("""
                        update webhook_delivery
                           set attempts = attempts + 1, last_attempt_at = now(), last_status_code = $3, last_error = $4,
                               status = $2, next_attempt_at = coalesce($5, next_attempt_at),
                               delivered_at = case when $2 = 'delivered' then now() end
                         where id = $1""")
                .execute(Tuple.from(Arrays.asList(id, status, statusCode, error,
                        nextAttemptAt == null ? null : OffsetDateTime.ofInstant(nextAttemptAt, ZoneOffset.UTC))))
                .replaceWithVoid();
    }

    /** Ends a delivery without an attempt (the grant or the subscription is gone). */
    Uni<Void> stop(UUID id, String reason) {
        return pool.preparedQuery("update webhook_delivery set status = 'stopped', last_error = $2 where id = $1")
                .execute(Tuple.of(id, reason)).replaceWithVoid();
    }

    private static List<WebhookView> webhooks(RowSet<Row> rows) {
        List<WebhookView> views = new ArrayList<>();
        for (Row row : rows) {
            views.add(new WebhookView(row.getUUID(0), row.getString(1), List.of(row.getArrayOfStrings(2)),
                    row.getOffsetDateTime(3).toInstant()));
        }
        return views;
    }

    private static DeliveryView delivery(Row row) {
        return new DeliveryView(row.getUUID(0), row.getUUID(1), row.getString(2), row.getString(3), row.getInteger(4),
                row.getInteger(5), row.getString(6), instant(row.getOffsetDateTime(7)),
                "pending".equals(row.getString(3)) ? instant(row.getOffsetDateTime(8)) : null,
                instant(row.getOffsetDateTime(9)), instant(row.getOffsetDateTime(10)));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
