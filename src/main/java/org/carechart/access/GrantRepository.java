package org.carechart.access;

import io.smallrye.mutiny.Uni;
import org.carechart.common.Sql;
import org.carechart.common.SqlRow;
import jakarta.enterprise.context.ApplicationScoped;

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
            coalesce(a.display_name, o.name) as grantee_name, array_to_string(g.categories, ',') as categories, g.purpose,
            g.expires_at, g.created_at, g.created_by, g.revoked_at, g.hide_sensitive, g.proxy_link_id,
            (select pl.ends_at from proxy_link pl where pl.id = g.proxy_link_id) as proxy_ends_at
            """;

    private static final String FROM = """
              from access_grant g
              left join account a on g.grantee_type in ('provider', 'app') and a.id = g.grantee_id
              left join organization o on g.grantee_type = 'organization' and o.id = g.grantee_id
            """;

    Uni<Void> insert(Grant grant) {
        return Sql.of("""
                        insert into access_grant (id, patient_id, grantee_type, grantee_id, categories, purpose,
                                                  expires_at, created_at, created_by, hide_sensitive, proxy_link_id)
                        values (:id, :patient, :granteeType, :grantee, string_to_array(:categories, ','), :purpose,
                                :expiresAt, :createdAt, :createdBy, :hideSensitive, :proxyLink)
                        """)
                .bind("id", grant.id())
                .bind("patient", grant.patientId())
                .bind("granteeType", grant.granteeType().code())
                .bind("grantee", grant.granteeId())
                .bind("categories", codes(grant.categories()))
                .bind("purpose", grant.purpose().code())
                .bind("expiresAt", utc(grant.expiresAt()))
                .bind("createdAt", utc(grant.createdAt()))
                .bind("createdBy", grant.createdBy())
                .bind("hideSensitive", grant.hidesSensitive())
                .bind("proxyLink", grant.proxyLinkId())
                .execute().replaceWithVoid();
    }

    Uni<List<Grant>> byPatient(UUID patientId) {
        return Sql.of("select " + COLUMNS + FROM + " where g.patient_id = :patient order by g.created_at desc, g.id desc")
                .bind("patient", patientId).list(GrantRepository::toGrant);
    }

    /** Null when the patient has no such grant. */
    Uni<Grant> byId(UUID patientId, UUID grantId) {
        return Sql.of("select " + COLUMNS + FROM + " where g.patient_id = :patient and g.id = :grant")
                .bind("patient", patientId).bind("grant", grantId)
                .first(GrantRepository::toGrant).map(found -> found.orElse(null));
    }

    /** True when this call revoked it; false when it was revoked already. */
    Uni<Boolean> revoke(UUID grantId, UUID revokedBy) {
        return Sql.of("""
                        update access_grant set revoked_at = clock_timestamp(), revoked_by = :revokedBy
                         where id = :grant and revoked_at is null
                        """)
                .bind("grant", grantId).bind("revokedBy", revokedBy)
                .execute().map(count -> count > 0);
    }

    /** Whether the grantee exists: an account with the matching role, or an organization. */
    Uni<Boolean> granteeExists(Grant.GranteeType type, UUID granteeId) {
        Sql sql = type == Grant.GranteeType.ORGANIZATION
                ? Sql.of("select count(*) as n from organization where id = :grantee")
                : Sql.of("select count(*) as n from account where id = :grantee and :role = any(roles)").bind("role", type.code());
        return sql.bind("grantee", granteeId).first(row -> row.number("n")).map(count -> count.orElse(0L) > 0);
    }

    /**
     * Marks up to {@code limit} grants that have expired (and were not revoked) as announced and
     * returns them; the primary key of grant_expiry_notice makes each grant come back once, even
     * with several instances racing.
     */
    Uni<List<Grant>> claimNewlyExpired(int limit) {
        return Sql.of("""
                        with claimed as (
                            insert into grant_expiry_notice (grant_id)
                            select g.id from access_grant g
                             where g.expires_at <= now() and g.revoked_at is null
                               and not exists (select 1 from grant_expiry_notice n where n.grant_id = g.id)
                             order by g.expires_at
                             limit :limit
                            on conflict do nothing
                            returning grant_id)
                        select""" + " " + COLUMNS + FROM + " join claimed c on c.grant_id = g.id")
                .bind("limit", limit).list(GrantRepository::toGrant);
    }

    private static Grant toGrant(SqlRow row) {
        return new Grant(row.uuid("id"), row.uuid("patient_id"), Grant.GranteeType.fromCode(row.text("grantee_type")).orElseThrow(),
                row.uuid("grantee_id"), row.text("grantee_name"), categories(row.text("categories")),
                Grant.GrantPurpose.fromCode(row.text("purpose")).orElse(Grant.GrantPurpose.PERSONAL_USE),
                row.instant("expires_at"), row.instant("created_at"), row.uuid("created_by"), row.instant("revoked_at"),
                row.bool("hide_sensitive"), row.uuid("proxy_link_id"), row.instant("proxy_ends_at"));
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
