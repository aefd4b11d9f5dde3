package org.carechart.access;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/** Reads, in one round trip, every fact an access decision for one caller and one patient rests on. */
@ApplicationScoped
public class AccessFactsRepository {

    private static final String FACTS = """
            select p.organization_id,
                   p.birth_date,
                   (select pl.relationship from proxy_link pl
                     where pl.patient_id = p.id and pl.proxy_account_id = :account
                       and pl.starts_at <= now() and (pl.ends_at is null or pl.ends_at > now())
                     limit 1),
                   exists(select 1 from care_team_member c
                           where c.patient_id = p.id and c.provider_id = :account
                             and c.starts_at <= now() and (c.ends_at is null or c.ends_at > now())),
                   exists(select 1 from break_glass_session b
                           where b.patient_id = p.id and b.provider_id = :account
                             and b.starts_at <= now() and b.expires_at > now()),
                   (select coalesce(string_agg(distinct c, ','), '') from access_grant g, unnest(g.categories) c
                     where g.patient_id = p.id and g.revoked_at is null
                       and (g.expires_at is null or g.expires_at > now())
                       and (g.grantee_id = :account or g.grantee_id = :organization))
              from patient p
             where p.id = :patient
            """;

    /** Null when the patient does not exist. */
    public Uni<AccessFacts> facts(UUID accountId, UUID organizationId, UUID patientId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(FACTS, Object[].class)
                .setParameter("account", accountId)
                .setParameter("organization", organizationId == null ? new UUID(0, 0) : organizationId)
                .setParameter("patient", patientId)
                .getResultList()
                .map(rows -> rows.isEmpty() ? null : toFacts(patientId, rows.get(0))));
    }

    private static AccessFacts toFacts(UUID patientId, Object[] row) {
        return new AccessFacts(patientId, (UUID) row[0], (LocalDate) row[1], (String) row[2],
                (Boolean) row[3], (Boolean) row[4], categories((String) row[5]));
    }

    private static Set<DataCategory> categories(String joined) {
        Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
        if (joined != null && !joined.isEmpty()) {
            Arrays.stream(joined.split(",")).map(DataCategory::fromCode).forEach(c -> c.ifPresent(categories::add));
        }
        return categories;
    }
}
