package org.carechart.access;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.carechart.common.Rows;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Queries over access_grant (and the record of which expiries were announced). */
@ApplicationScoped
public class GrantRepository {

    private static final String COLUMNS = """
            g.id, g.patient_id, g.grantee_type, g.grantee_id,
            coalesce(a.display_name, o.name), array_to_string(g.categories, ','), g.purpose,
            g.expires_at, g.created_at, g.created_by, g.revoked_at, g.hide_sensitive, g.proxy_link_id,
            (select pl.ends_at from proxy_link pl where pl.id = g.proxy_link_id)
            """;

    private static final String FROM = """
              from access_grant g
              left join account a on g.grantee_type in ('provider', 'app') and a.id = g.grantee_id
              left join organization o on g.grantee_type = 'organization' and o.id = g.grantee_id
            """;

    Uni<Void> insert(Grant grant) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into access_grant (id, patient_id, grantee_type, grantee_id, categories, purpose,
                                                  expires_at, created_at, created_by, hide_sensitive, proxy_link_id)
                        values (?1, ?2, ?3, ?4, string_to_array(?5, ','), ?6, ?7, ?8, ?9, ?10, ?11)
                        """)
                .setParameter(1, grant.id())
                .setParameter(2, grant.patientId())
                .setParameter(3, grant.granteeType().code())
                .setParameter(4, grant.granteeId())
                .setParameter(5, codes(grant.categories()))
                .setParameter(6, grant.purpose().code())
                .setParameter(7, utc(grant.expiresAt()))
                .setParameter(8, utc(grant.createdAt()))
                .setParameter(9, grant.createdBy())
                .setParameter(10, grant.hidesSensitive())
                .setParameter(11, grant.proxyLinkId())
                .executeUpdate()).replaceWithVoid();
    }

    Uni<List<Grant>> byPatient(UUID patientId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select " + COLUMNS + FROM + " where g.patient_id = ?1 order by g.created_at desc, g.id desc",
                        Object[].class)
                .setParameter(1, patientId)
                .getResultList()).map(rows -> rows.stream().map(GrantRepository::toGrant).toList());
    }

    /** Null when the patient has no such grant. */
    Uni<Grant> byId(UUID patientId, UUID grantId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select " + COLUMNS + FROM + " where g.patient_id = ?1 and g.id = ?2", Object[].class)
                .setParameter(1, patientId)
                .setParameter(2, grantId)
                .getResultList()).map(rows -> rows.isEmpty() ? null : toGrant(rows.get(0)));
    }

    /** True when this call revoked it; false when it was revoked already. */
    Uni<Boolean> revoke(UUID grantId, UUID revokedBy) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        update access_grant set revoked_at = clock_timestamp(), revoked_by = ?2
                         where id = ?1 and revoked_at is null
                        """)
                .setParameter(1, grantId)
                .setParameter(2, revokedBy)
                .executeUpdate()).map(count -> count > 0);
    }

    /** Whether the grantee exists: an account with the matching role, or an organization. */
    Uni<Boolean> granteeExists(Grant.GranteeType type, UUID granteeId) {
        String sql = type == Grant.GranteeType.ORGANIZATION
                ? "select count(*) from organization where id = ?1"
                : "select count(*) from account where id = ?1 and ?2 = any(roles)";
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Long.class).setParameter(1, granteeId);
            if (type != Grant.GranteeType.ORGANIZATION) {
                query.setParameter(2, type.code());
            }
            return query.getSingleResult();
        }).map(count -> count > 0);
    }

    /**
     * Marks up to {@code limit} grants that have expired (and were not revoked) as announced and
     * returns them; the primary key of grant_expiry_notice makes each grant come back once, even
     * with several instances racing.
     */
    Uni<List<Grant>> claimNewlyExpired(int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        with claimed as (
                            insert into grant_expiry_notice (grant_id)
                            select g.id from access_grant g
                             where g.expires_at <= now() and g.revoked_at is null
                               and not exists (select 1 from grant_expiry_notice n where n.grant_id = g.id)
                             order by g.expires_at
                             limit ?1
                            on conflict do nothing
                            returning grant_id)
                        select""" + " " + COLUMNS + FROM + " join claimed c on c.grant_id = g.id", Object[].class)
                .setParameter(1, limit)
                .getResultList()).map(rows -> rows.stream().map(GrantRepository::toGrant).toList());
    }

    private static Grant toGrant(Object[] row) {
        return new Grant((UUID) row[0], (UUID) row[1], Grant.GranteeType.fromCode((String) row[2]).orElseThrow(),
                (UUID) row[3], (String) row[4], categories((String) row[5]),
                Grant.GrantPurpose.fromCode((String) row[6]).orElse(Grant.GrantPurpose.PERSONAL_USE),
                Rows.instant(row[7]), Rows.instant(row[8]), (UUID) row[9], Rows.instant(row[10]), (Boolean) row[11],
                Rows.uuid(row[12]), Rows.instant(row[13]));
    }

    private static Set<DataCategory> categories(String joined) {
        Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
        if (joined != null && !joined.isEmpty()) {
            Arrays.stream(joined.split(",")).map(DataCategory::fromCode).forEach(c -> c.ifPresent(categories::add));
        }
        return categories;
    }

    private static String codes(Set<DataCategory> categories) {
        return categories.stream().map(DataCategory::code).sorted().collect(Collectors.joining(","));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
