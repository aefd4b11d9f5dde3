package org.carechart.notification;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Announces a change. The event row is written in the caller's transaction, so a change that
 * rolls back announces nothing; delivery starts from the committed row.
 */
@ApplicationScoped
public class Events {

    private static final String INSERT = """
            insert into notification_event (id, patient_id, kind, category, resource_id, title, actor_id)
            values (?1, cast(?2 as uuid), ?3, ?4, ?5, ?6, cast(?7 as uuid))
            """;

    public Uni<UUID> publish(EventDraft draft) {
        UUID id = UUID.randomUUID();
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT)
                .setParameter(1, id)
                .setParameter(2, draft.patientId())
                .setParameter(3, draft.kind().code())
                .setParameter(4, draft.category())
                .setParameter(5, draft.resourceId())
                .setParameter(6, draft.title())
                .setParameter(7, draft.actorId())
                .executeUpdate()).replaceWith(id);
    }
}
