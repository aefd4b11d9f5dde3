package org.carechart.sharing;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.carechart.access.Visibility;
import org.carechart.common.Cursor;
import org.carechart.common.Page;
import org.carechart.common.Sql;
import org.carechart.common.SqlRow;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The accounting of disclosures (45 CFR 164.528), read from the audit trail itself rather than
 * kept a second time: every successful access to a patient's data by someone other than the
 * patient and their proxies. Read-only; joins the caller's session.
 */
@ApplicationScoped
public class DisclosureRepository {

    /** Actions that touch the patient's data; sign-ins, grants and link management are not disclosures. */
    private static final String DISCLOSING_ACTIONS = "'read', 'search', 'export', 'create', 'update', 'retract', 'break-glass'";

    private static final String QUERY = """
            select e.id, e.occurred_at, e.actor_id, e.actor_name, array_to_string(e.actor_roles, ',') as actor_roles,
                   e.organization_id, o.name as organization_name, e.action, e.resource_type, e.resource_id, e.query,
                   coalesce(e.purpose,
                            (select g.purpose from access_grant g
                              where e.basis = 'grant' and g.patient_id = e.patient_id
                                and g.grantee_id in (e.actor_id, e.organization_id)
                                and g.created_at <= e.occurred_at
                              order by g.created_at desc limit 1),
                            case e.basis when 'care-team' then 'treatment'
                                         when 'break-the-glass' then 'treatment'
                                         when 'staff' then 'operations' end) as purpose,
                   e.basis
              from audit_event e
              left join organization o on o.id = e.organization_id
             where e.patient_id = :patient
               and e.outcome = 'success'
               and e.basis is not null and e.basis not in ('self', 'proxy', 'none')
               and e.action in (%s)
               and (:includeTreatment or e.basis <> 'care-team')
               and (e.resource_type not in ('chart-entry', 'chart-document', 'amendment') or e.resource_id is null
                    or exists(select 1 from chart_entry ce
                               where ce.patient_id = e.patient_id
                                 and ((e.resource_type = 'chart-entry' and cast(ce.id as text) = e.resource_id)
                                   or (e.resource_type = 'chart-document' and cast(ce.document_id as text) = e.resource_id)
                                   or (e.resource_type = 'amendment' and ce.id = (select r.entry_id from amendment_request r
                                                                                  where cast(r.id as text) = e.resource_id)))
                                 and %s))
               and (e.occurred_at, e.id) < (:before, :beforeId)
             order by e.occurred_at desc, e.id desc
             limit :limit
            """.formatted(DISCLOSING_ACTIONS, Visibility.boundSql("ce"));

    private static final UUID MAX_UUID = new UUID(-1L, -1L);

    /**
     * One page, newest first.
     *
     * @param includeTreatment whether the own care team's (treatment) accesses are listed too;
     *                         HIPAA exempts them from the accounting
     * @param visibility       the reader's visibility (the access policy's, placed as its bound SQL
     *                         predicate on the chart entry): a disclosure of an entry, its document or
     *                         an amendment request about it is listed only to a reader who may see that
     *                         entry, so a parent of a teenager does not learn the ids of hidden
     *                         sensitive entries from it
     */
    public Uni<Page<Disclosure>> page(UUID patientId, boolean includeTreatment, Visibility visibility, Cursor after, int limit) {
        OffsetDateTime before = after == null ? OffsetDateTime.of(9999, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)
                : after.at().atOffset(ZoneOffset.UTC);
        UUID beforeId = after == null ? MAX_UUID : after.id();
        return visibility.bind(Sql.of(QUERY))
                .bind("patient", patientId).bind("includeTreatment", includeTreatment)
                .bind("before", before).bind("beforeId", beforeId).bind("limit", limit + 1)
                .list(DisclosureRepository::toDisclosure)
                .map(rows -> {
                    List<Disclosure> items = rows.stream().limit(limit).toList();
                    String next = rows.size() > limit
                            ? new Cursor(items.get(items.size() - 1).occurredAt(), items.get(items.size() - 1).id()).encode()
                            : null;
                    return new Page<>(items, next);
                });
    }

    private static Disclosure toDisclosure(SqlRow row) {
        String roles = row.text("actor_roles");
        return new Disclosure(row.uuid("id"), row.instant("occurred_at"), row.uuid("actor_id"), row.text("actor_name"),
                roles == null || roles.isEmpty() ? List.of() : Arrays.asList(roles.split(",")),
                row.uuid("organization_id"), row.text("organization_name"), row.text("action"), row.text("resource_type"),
                row.text("resource_id"), row.text("query"), row.text("purpose"), row.text("basis"));
    }
}
