package org.carechart.access;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Who is entitled to hear of a patient's events, read from the same facts the access policy
 * decides on: the patient's own accounts, active proxies, the active care team, and apps holding
 * an active grant that covers the category (directly or through their organization).
 */
@ApplicationScoped
public class AudienceRepository {

    static final String PERSON = "person";
    static final String APP = "app";

    private static final String AUDIENCE = """
            select a.id, 'person', cast(null as text), cast(null as text) from account a where a.patient_id = :patient
            union
            select pl.proxy_account_id, 'person', pl.relationship, cast(p.birth_date as text) from proxy_link pl
              join patient p on p.id = pl.patient_id
             where pl.patient_id = :patient and pl.starts_at <= now() and (pl.ends_at is null or pl.ends_at > now())
            union
            select c.provider_id, 'person', cast(null as text), cast(null as text) from care_team_member c
             where c.patient_id = :patient and c.starts_at <= now() and (c.ends_at is null or c.ends_at > now())
            union
            select a.id, 'app', cast(null as text), cast(null as text) from access_grant g
              join account a on 'app' = any (a.roles)
                             and ((g.grantee_type = 'app' and a.id = g.grantee_id)
                               or (g.grantee_type = 'organization' and a.organization_id = g.grantee_id))
             where g.patient_id = :patient and %s and %s
            """.formatted(AccessPolicy.grantInForceSql("g"), AccessPolicy.grantShowsSql("g", "category", "sensitive"));

    private static final String REACHED = """
            select p from unnest(cast(string_to_array($2, ',') as uuid[])) p
             where exists(select 1 from account a where a.id = $1 and a.patient_id = p)
                or exists(select 1 from proxy_link pl where pl.patient_id = p and pl.proxy_account_id = $1
                            and pl.starts_at <= now() and (pl.ends_at is null or pl.ends_at > now()))
                or exists(select 1 from care_team_member c where c.patient_id = p and c.provider_id = $1
                            and c.starts_at <= now() and (c.ends_at is null or c.ends_at > now()))
            """;

    private static final String APP_GRANTED = """
            select exists(select 1 from access_grant g join account a on a.id = $1
                           where g.patient_id = $2 and %s
                             and ((g.grantee_type = 'app' and g.grantee_id = a.id)
                               or (g.grantee_type = 'organization' and g.grantee_id = a.organization_id))
                             and $3::text is not null and $3::text = any (g.categories))
            """.formatted(AccessPolicy.grantInForceSql("g"));

    @Inject
    Pool pool;

    /**
     * In the caller's transaction: (account id, "person" or "app", proxy relationship, patient's birth
     * date as ISO text) rows; the last two only for proxies, for the sensitive-entry rule.
     */
    Uni<List<Object[]>> audience(UUID patientId, String category, boolean sensitive) {
        return Panache.getSession().chain(session -> session.createNativeQuery(AUDIENCE, Object[].class)
                .setParameter("patient", patientId)
                .setParameter("category", category)
                .setParameter("sensitive", sensitive)
                .getResultList());
    }

    /** Of the given patients, those the account still hears about as the patient, a proxy or on the care team. */
    Uni<Set<UUID>> reached(UUID accountId, Collection<UUID> patientIds) {
        String joined = String.join(",", patientIds.stream().map(UUID::toString).toList());
        return pool.preparedQuery(REACHED).execute(Tuple.of(accountId, joined))
                .map(rows -> {
                    Set<UUID> reached = new HashSet<>();
                    for (Row row : rows) {
                        reached.add(row.getUUID(0));
                    }
                    return reached;
                });
    }

    Uni<Boolean> appGranted(UUID appAccountId, UUID patientId, String category) {
        return pool.preparedQuery(APP_GRANTED).execute(Tuple.of(appAccountId, patientId, category))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }
}
