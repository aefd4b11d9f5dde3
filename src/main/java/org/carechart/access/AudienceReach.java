package org.carechart.access;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.common.OwnConnection;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Whether someone still hears of a patient, asked outside any unit of work: by a live stream or an inbox
 * page before it shows an entry (the stream outlives every request), and by the webhook dispatcher
 * before it delivers. One statement each, on a pool connection of its own, never while a transaction
 * holds one. The facts are those {@link AudienceRepository} reads inside a unit of work.
 */
@ApplicationScoped
@OwnConnection("live streams and webhook deliveries re-check their audience outside any transaction")
public class AudienceReach {

    private static final String REACHED = """
            select p.p from unnest(cast(string_to_array($2, ',') as uuid[])) p(p)
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
                             and $3::text is not null and $3::text = any (g.categories)) as granted
            """.formatted(AccessPolicy.grantInForceSql("g"));

    @Inject
    Pool pool;

    /** Of the given patients, those the account still hears about as the patient, a proxy or on the care team. */
    Uni<Set<UUID>> reached(UUID accountId, Collection<UUID> patientIds) {
        String joined = String.join(",", patientIds.stream().map(UUID::toString).toList());
        return pool.preparedQuery(REACHED).execute(Tuple.of(accountId, joined))
                .map(rows -> {
                    Set<UUID> reached = new HashSet<>();
                    for (Row row : rows) {
                        reached.add(row.getUUID("p"));
                    }
                    return reached;
                });
    }

    Uni<Boolean> appGranted(UUID appAccountId, UUID patientId, String category) {
        return pool.preparedQuery(APP_GRANTED).execute(Tuple.of(appAccountId, patientId, category))
                .map(rows -> rows.iterator().next().getBoolean("granted"));
    }
}
