package org.carechart.access;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.carechart.common.Cursor;
import org.carechart.common.Sql;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class BreakGlassRepository implements PanacheRepositoryBase<BreakGlassSessionEntity, UUID> {

    private static final String SESSIONS = """
            select b.id, b.patient_id, p.given_name || ' ' || p.family_name as patient_name, b.provider_id,
                   a.display_name as provider_name,
                   b.reason, b.starts_at, b.expires_at
              from break_glass_session b
              join patient p on p.id = b.patient_id
              join account a on a.id = b.provider_id
             where p.organization_id = :organization
            """;
    private static final String AFTER = " and (b.starts_at, b.id) < (:afterAt, :afterId)";
    private static final String ORDER = " order by b.starts_at desc, b.id desc limit :limit";

    /**
     * The provider's session for the patient that is open at {@code now}, if any, after taking a
     * transaction lock on the pair, so two requests at once cannot both open one.
     */
    public Uni<BreakGlassSessionEntity> lockOpen(UUID patientId, UUID providerId, java.time.Instant now) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                                "select count(*) from (select pg_advisory_xact_lock(hashtextextended(:pair, 0))) locked", Long.class)
                        .setParameter("pair", "break-glass:" + providerId + ":" + patientId)
                        .getSingleResult())
                .chain(() -> find("patientId = ?1 and providerId = ?2 and startsAt <= ?3 and expiresAt > ?3 order by expiresAt desc",
                        patientId, providerId, now).firstResult());
    }

    /** Newest first, keyset-paged by (starts_at, id). */
    public Uni<List<BreakGlassSession>> forOrganization(UUID organizationId, Cursor after, int limit) {
        Sql sql = Sql.of(SESSIONS + (after == null ? "" : AFTER) + ORDER).bind("organization", organizationId).bind("limit", limit);
        if (after != null) {
            sql.bind("afterAt", after.at()).bind("afterId", after.id());
        }
        return sql.list(r -> new BreakGlassSession(r.uuid("id"), r.uuid("patient_id"), r.text("patient_name"),
                r.uuid("provider_id"), r.text("provider_name"), r.text("reason"), r.instant("starts_at"), r.instant("expires_at")));
    }
}
