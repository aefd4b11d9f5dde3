package org.carechart.notification;

import org.carechart.common.Sql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.access.Audience;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Announces a change. Everything is written in the caller's transaction: the event row, one inbox
 * entry per person who may hear of it (with the next number of their inbox), and a queued webhook
 * delivery per subscribed app whose grant covers the category. A change that rolls back announces
 * nothing; at commit the inbox trigger wakes every instance's listener.
 * <p>
 * The actor is not told of their own action.
 */
@ApplicationScoped
public class Events {

    private static final String INSERT = """
            insert into notification_event (id, patient_id, kind, category, resource_id, title, actor_id)
            values (:id, cast(:patient as uuid), :kind, :category, :resource, :title, cast(:actor as uuid))
            """;

    private static final String FAN_OUT = "select notification_fan_out(cast(:event as uuid), cast(string_to_array(:accounts, ',') as uuid[])) as written";
    private static final String WEBHOOKS = "select webhook_fan_out(cast(:event as uuid), cast(string_to_array(:accounts, ',') as uuid[])) as written";

    @Inject
    Audience audience;

    /**
     * Ends the live streams of an account that lost access to a patient (an ended proxy or care-team
     * link), in the caller's transaction: NOTIFY is delivered at commit, to every instance, and a
     * rolled-back change ends nothing. The client reconnects with {@code after} and no longer hears of
     * that patient.
     */
    public Uni<Void> accessEnded(UUID accountId) {
        return Sql.of("select cast(pg_notify(:channel, :account) as text) as sent")
                .bind("channel", LiveHub.ACCESS_ENDED_CHANNEL).bind("account", accountId.toString())
                .list(r -> r).replaceWithVoid();
    }

    public Uni<UUID> publish(EventDraft draft) {
        UUID id = UUID.randomUUID();
        return Sql.of(INSERT).bind("id", id).bind("patient", draft.patientId()).bind("kind", draft.kind().code())
                        .bind("category", draft.category()).bind("resource", draft.resourceId()).bind("title", draft.title())
                        .bind("actor", draft.actorId()).execute()
                .chain(() -> audience.of(draft.patientId(), draft.category(), draft.sensitive()))
                .call(recipients -> call(FAN_OUT, id, without(recipients.people(), draft.actorId())))
                .call(recipients -> call(WEBHOOKS, id, recipients.apps()))
                .replaceWith(id);
    }

    private static Uni<Void> call(String sql, UUID eventId, Collection<UUID> accounts) {
        if (accounts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String joined = accounts.stream().map(UUID::toString).collect(Collectors.joining(","));
        return Sql.of(sql).bind("event", eventId).bind("accounts", joined).list(r -> r).replaceWithVoid();
    }

    private static Set<UUID> without(Set<UUID> people, UUID actor) {
        return actor == null ? people : people.stream().filter(p -> !p.equals(actor)).collect(Collectors.toSet());
    }
}
