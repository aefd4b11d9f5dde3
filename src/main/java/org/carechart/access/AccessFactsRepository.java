package org.carechart.access;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.carechart.common.Sql;
import org.carechart.common.SqlRow;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Reads, in one round trip, every fact an access decision for one caller and one patient rests on:
 * one typed row per fact (the patient, each proxy link, care-team link, break-glass session and grant),
 * no JSON to build or parse. Links that have already ended are left out here (they can never count
 * again); whether a link is in force now (started, not ended) is decided by {@link AccessPolicy}.
 * Every instant is clamped into years 1..9999 in SQL, so no stored value (not even {@code infinity})
 * can break the decision: an open end stays far in the future, an open start far in the past.
 */
@ApplicationScoped
public class AccessFactsRepository {

    static final String FACTS = """
            select 'patient' as kind, p.id as id, cast(null as text) as detail, cast(null as timestamptz) as starts,
                   cast(null as timestamptz) as ends, cast(null as timestamptz) as authority_ends,
                   cast(null as boolean) as hides, p.organization_id as organization, p.birth_date as born
              from patient p where p.id = :patient
            union all
            select 'proxy', pl.id, pl.relationship, %1$s, %2$s, cast(null as timestamptz), cast(null as boolean),
                   cast(null as uuid), cast(null as date)
              from proxy_link pl
             where pl.patient_id = :patient and pl.proxy_account_id = :account
               and (pl.ends_at is null or pl.ends_at > now())
            union all
            select 'care-team', c.id, cast(null as text), %3$s, %4$s, cast(null as timestamptz), cast(null as boolean),
                   cast(null as uuid), cast(null as date)
              from care_team_member c
             where c.patient_id = :patient and c.provider_id = :account
               and (c.ends_at is null or c.ends_at > now())
            union all
            select 'break-glass', b.id, cast(null as text), %5$s, %6$s, cast(null as timestamptz), cast(null as boolean),
                   cast(null as uuid), cast(null as date)
              from break_glass_session b
             where b.patient_id = :patient and b.provider_id = :account and b.expires_at > now()
            union all
            select 'grant', g.id, array_to_string(g.categories, ','), cast(null as timestamptz), %7$s,
                   (select %8$s from proxy_link gpl where gpl.id = g.proxy_link_id), g.hide_sensitive,
                   cast(null as uuid), cast(null as date)
              from access_grant g
             where g.patient_id = :patient and %9$s
               and (g.grantee_id = :account or g.grantee_id = :organization)
            """.formatted(bounded("pl.starts_at"), bounded("pl.ends_at"), bounded("c.starts_at"), bounded("c.ends_at"),
            bounded("b.starts_at"), bounded("b.expires_at"), bounded("g.expires_at"), bounded("gpl.ends_at"),
            AccessPolicy.grantInForceSql("g"));

    /** A timestamptz clamped into years 1..9999 (null stays null), so Java can always hold it. */
    static String bounded(String column) {
        return "access_bound(" + column + ")"; // V101: the clamp, inlined by the planner
    }

    /**
     * The Vert.x client keeps a prepared statement (parsed and planned once per connection) only when its
     * text is at most this long ({@code PgConnectOptions.preparedStatementCacheSqlLimit}); a longer one is
     * parsed and planned by PostgreSQL on every request. {@code AccessFactsStatementTest} keeps FACTS under it.
     */
    static final int CACHEABLE_SQL_LIMIT = 2048; // the client's default; DatabasePool raises it, the facts stay under both

    /** Null when the patient does not exist. */
    public Uni<AccessFacts> facts(UUID accountId, UUID organizationId, UUID patientId) {
        return Sql.of(FACTS)
                .bind("account", accountId)
                .bind("organization", organizationId == null ? new UUID(0, 0) : organizationId)
                .bind("patient", patientId)
                .list(row -> row)
                .map(rows -> toFacts(patientId, rows));
    }

    /** The columns, named by the first part of the union: kind, id, detail, starts, ends, authority_ends, hides, organization, born. */
    private static AccessFacts toFacts(UUID patientId, List<SqlRow> rows) {
        UUID organization = null;
        LocalDate birthDate = null;
        boolean found = false;
        List<AccessFacts.ProxyFact> proxies = new ArrayList<>();
        List<AccessFacts.Span> careTeam = new ArrayList<>();
        List<AccessFacts.Span> breakGlass = new ArrayList<>();
        List<AccessFacts.GrantFact> grants = new ArrayList<>();
        for (SqlRow row : rows) {
            switch (row.text("kind")) {
                case "patient" -> {
                    found = true;
                    organization = row.uuid("organization");
                    birthDate = row.date("born");
                }
                case "proxy" -> proxies.add(new AccessFacts.ProxyFact(row.uuid("id"), row.text("detail"), span(row)));
                case "care-team" -> careTeam.add(span(row));
                case "break-glass" -> breakGlass.add(span(row));
                case "grant" -> grants.add(new AccessFacts.GrantFact(categories(row.text("detail")), row.instant("ends"),
                        row.bool("hides"), row.instant("authority_ends"), row.uuid("id")));
                default -> throw new IllegalStateException("unknown fact kind");
            }
        }
        return found ? new AccessFacts(patientId, organization, birthDate, proxies, careTeam, breakGlass, grants) : null;
    }

    private static AccessFacts.Span span(SqlRow row) {
        Instant start = row.instant("starts");
        return new AccessFacts.Span(start == null ? Instant.MIN : start, row.instant("ends"));
    }

    private static Set<DataCategory> categories(String joined) {
        Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
        if (joined != null && !joined.isEmpty()) {
            for (String code : joined.split(",")) {
                DataCategory.fromCode(code).ifPresent(categories::add);
            }
        }
        return categories;
    }
}
