package org.carechart.audit;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.carechart.common.Cursor;
import org.carechart.common.Page;
import org.carechart.common.Rows;

import java.time.Instant;
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
public class DisclosureQuery {

    /** Actions that touch the patient's data; sign-ins, grants and link management are not disclosures. */
    private static final String DISCLOSING_ACTIONS = "'read', 'search', 'export', 'create', 'update', 'retract', 'break-glass'";

    private static final String QUERY = """
            select e.id, e.occurred_at, e.actor_id, e.actor_name, array_to_string(e.actor_roles, ','),
                   e.organization_id, o.name, e.action, e.resource_type, e.resource_id, e.query,
                   coalesce(e.purpose,
                            (select g.purpose from access_grant g
                              where e.basis = 'grant' and g.patient_id = e.patient_id
                                and g.grantee_id in (e.actor_id, e.organization_id)
                                and g.created_at <= e.occurred_at
                              order by g.created_at desc limit 1),
                            case e.basis when 'care-team' then 'treatment'
                                         when 'break-the-glass' then 'treatment'
                                         when 'staff' then 'operations' end),
                   e.basis
              from audit_event e
              left join organization o on o.id = e.organization_id
             where e.patient_id = ?1
               and e.outcome = 'success'
               and e.basis is not null and e.basis not in ('self', 'proxy', 'none')
               and e.action in (%s)
               and (?2 or e.basis <> 'care-team')
               and (e.resource_type not in ('chart-entry', 'chart-document', 'amendment') or e.resource_id is null
                    or exists(select 1 from chart_entry ce
                               where ce.patient_id = e.patient_id
                                 and ((e.resource_type = 'chart-entry' and ce.id::text = e.resource_id)
                                   or (e.resource_type = 'chart-document' and ce.document_id::text = e.resource_id)
                                   or (e.resource_type = 'amendment' and ce.id = (select r.entry_id from amendment_request r
                                                                                  where r.id::text = e.resource_id)))
                                 and %%s))
               and (e.occurred_at, e.id) < (?3, ?4)
             order by e.occurred_at desc, e.id desc
             limit ?5
            """.formatted(DISCLOSING_ACTIONS);
    // QUERY still holds one %s: the reader's visibility, placed per call.

    private static final UUID MAX_UUID = new UUID(-1L, -1L);

    /**
     * One page, newest first.
     *
     * @param includeTreatment whether the own care team's (treatment) accesses are listed too;
     *                         HIPAA exempts them from the accounting
     * @param visibleEntry     the reader's visibility as a SQL condition on a chart_entry row aliased
     *                         {@code ce} (the access policy's predicate, {@code Visibility.sql("ce")}): a
     *                         disclosure of an entry, its document or an amendment request about it is
     *                         listed only to a reader who may see that entry, so a parent of a teenager
     *                         does not learn the ids of hidden sensitive entries from it
     */
    public Uni<Page<Disclosure>> page(UUID patientId, boolean includeTreatment, String visibleEntry, Cursor after, int limit) {
        OffsetDateTime before = after == null ? OffsetDateTime.of(9999, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)
                : after.at().atOffset(ZoneOffset.UTC);
        UUID beforeId = after == null ? MAX_UUID : after.id();
        String sql = QUERY.formatted(visibleEntry);
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, Object[].class)
                        .setParameter(1, patientId)
                        .setParameter(2, includeTreatment)
                        .setParameter(3, before)
                        .setParameter(4, beforeId)
                        .setParameter(5, limit + 1)
                        .getResultList())
                .map(rows -> {
                    List<Disclosure> items = rows.stream().limit(limit).map(DisclosureQuery::toDisclosure).toList();
                    String next = rows.size() > limit
                            ? new Cursor(items.get(items.size() - 1).occurredAt(), items.get(items.size() - 1).id()).encode()
                            : null;
                    return new Page<>(items, next);
                });
    }

    private static Disclosure toDisclosure(Object[] row) {
        String roles = (String) row[4];
        return new Disclosure((UUID) row[0], Rows.instant(row[1]), (UUID) row[2], (String) row[3],
                roles == null || roles.isEmpty() ? List.of() : Arrays.asList(roles.split(",")),
                (UUID) row[5], (String) row[6], (String) row[7], (String) row[8], (String) row[9], (String) row[10],
                (String) row[11], (String) row[12]);
    }

}
