package org.carechart.audit;

import io.smallrye.mutiny.Uni;
import org.carechart.common.Sql;
import org.carechart.common.SqlRow;
import jakarta.enterprise.context.ApplicationScoped;
import org.carechart.common.Cursor;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Queries over the audit trail (reads only: rows are written by {@link AuditService} and chained by the database). */
@ApplicationScoped
public class AuditRepository {

    private static final String COLUMNS = """
            select e.id, to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as occurred_at, e.chain_key,
                   s.chain_seq, e.actor_id, e.actor_name, array_to_string(e.actor_roles, ',') as actor_roles, e.organization_id,
                   e.acting_for, e.patient_id, e.action, e.resource_type, e.resource_id, e.query, e.basis, e.purpose,
                   e.outcome, e.client_address, e.user_agent, encode(s.hash, 'hex') as hash_hex
              from audit_event e
              left join audit_seal s on s.event_id = e.id
            """;

    /**
     * Newest first. The order (occurred_at desc, id asc) is the one the V4 indexes are built in, so
     * a page is an index range scan with no sort; the cursor continues after its (time, id).
     */
    private static final String NEWEST_FIRST = " order by e.occurred_at desc, e.id limit :limit";
    private static final String AFTER_CURSOR = " and (e.occurred_at < :cursorAt or (e.occurred_at = :cursorAt and e.id > :cursorId))";

    /** The organization a patient belongs to, to scope a staff reviewer; null when there is no such patient. */
    public Uni<UUID> patientOrganization(UUID patientId) {
        return Sql.of("select organization_id from patient where id = :patient").bind("patient", patientId)
                .first(r -> r.uuid("organization_id")).map(found -> found.orElse(null));
    }

    /** The patient's given name, for access-log lines read by someone other than the patient. */
    public Uni<String> givenName(UUID patientId) {
        return Sql.of("select given_name from patient where id = :patient").bind("patient", patientId)
                .first(r -> r.text("given_name")).map(found -> found.orElse("the patient"));
    }

    /** One page (plus one row, to tell whether more follow) of the events about one patient. */
    public Uni<List<AuditRow>> patientEvents(UUID patientId, Cursor cursor, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder sql = new StringBuilder(COLUMNS).append(" where e.patient_id = :patient");
        params.put("patient", patientId);
        afterCursor(sql, params, cursor);
        sql.append(NEWEST_FIRST);
        params.put("limit", limit + 1);
        return list(sql.toString(), params);
    }

    /**
     * One page (plus one row) of the trail, filtered. {@code organizationId} non-null confines it to
     * events about that organization's patients (what records staff may review).
     */
    public Uni<List<AuditRow>> search(AuditFilter filter, UUID organizationId) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder sql = new StringBuilder(COLUMNS).append(" where true");
        if (organizationId != null) {
            sql.append(" and e.patient_id in (select p.id from patient p where p.organization_id = :organization)");
            params.put("organization", organizationId);
        }
        if (filter.patientId() != null) {
            sql.append(" and e.patient_id = :patient");
            params.put("patient", filter.patientId());
        }
        if (filter.actorId() != null) {
            sql.append(" and e.actor_id = :actor");
            params.put("actor", filter.actorId());
        }
        if (filter.action() != null) {
            sql.append(" and e.action = :action");
            params.put("action", filter.action().code());
        }
        if (filter.outcome() != null) {
            sql.append(" and e.outcome = :outcome");
            params.put("outcome", filter.outcome().code());
        }
        if ("none".equals(filter.basis())) {
            sql.append(" and (e.basis is null or e.basis = 'none')");
        } else if (filter.basis() != null) {
            // A literal, not a parameter, so the planner can use the partial index for break-the-glass.
            sql.append(" and e.basis = '").append(filter.basis().replace("'", "")).append('\'');
        }
        if (filter.from() != null) {
            sql.append(" and e.occurred_at >= :from");
            params.put("from", utc(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" and e.occurred_at < :to");
            params.put("to", utc(filter.to()));
        }
        afterCursor(sql, params, filter.cursor());
        sql.append(NEWEST_FIRST);
        params.put("limit", filter.limit() + 1);
        return list(sql.toString(), params);
    }

    private static void afterCursor(StringBuilder sql, Map<String, Object> params, Cursor cursor) {
        if (cursor != null) {
            sql.append(AFTER_CURSOR);
            params.put("cursorAt", utc(cursor.at()));
            params.put("cursorId", cursor.id());
        }
    }

    private static java.time.OffsetDateTime utc(Instant instant) {
        return instant.atOffset(java.time.ZoneOffset.UTC);
    }

    private static Uni<List<AuditRow>> list(String sql, Map<String, Object> params) {
        return Sql.of(sql).bindAll(params).list(AuditRow::from);
    }

    /** An audit_event row as read back, with its seal (chain position and link; null until sealed, a moment after writing). */
    record AuditRow(UUID id, Instant occurredAt, String chainKey, Long chainSeq, UUID actorId, String actorName,
                    List<String> actorRoles, UUID organizationId, UUID actingFor, UUID patientId, String action,
                    String resourceType, String resourceId, String query, String basis, String purpose,
                    String outcome, String clientAddress, String userAgent, String hashHex) {

        static AuditRow from(SqlRow r) {
            String roles = r.text("actor_roles");
            return new AuditRow(r.uuid("id"), Instant.parse(r.text("occurred_at")), r.text("chain_key"),
                    r.nullableNumber("chain_seq"), r.uuid("actor_id"), r.text("actor_name"),
                    roles == null || roles.isEmpty() ? List.of() : Arrays.asList(roles.split(",")),
                    r.uuid("organization_id"), r.uuid("acting_for"), r.uuid("patient_id"), r.text("action"),
                    r.text("resource_type"), r.text("resource_id"), r.text("query"), r.text("basis"), r.text("purpose"),
                    r.text("outcome"), r.text("client_address"), r.text("user_agent"), r.text("hash_hex"));
        }
    }
}
