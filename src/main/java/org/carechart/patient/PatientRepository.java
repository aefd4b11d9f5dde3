package org.carechart.patient;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.carechart.access.PatientListScope;
import org.carechart.common.Cursor;
import org.carechart.common.Rows;
import org.carechart.patient.api.PatientSummary;
import org.carechart.patient.api.PatientView;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Patients and their demographics. Queries only. */
@ApplicationScoped
public class PatientRepository {

    /** A list row and the key it sorts by, for the next cursor. */
    record ListedPatient(PatientSummary summary, Instant createdAt) {
    }

    private static final String DEMOGRAPHICS = """
            select id, organization_id, mrn, given_name, family_name, birth_date::text, sex, phone, email,
                   address_line, city, postal_code
              from patient where id = :id
            """;

    public Uni<PatientView> find(UUID id) {
        return Panache.getSession().chain(s -> s.createNativeQuery(DEMOGRAPHICS, Object[].class)
                        .setParameter("id", id).getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return null;
                    }
                    Object[] r = rows.get(0);
                    return new PatientView((UUID) r[0], (UUID) r[1], Rows.text(r[2]), Rows.text(r[3]), Rows.text(r[4]),
                            LocalDate.parse(Rows.text(r[5])), Rows.text(r[6]), Rows.text(r[7]), Rows.text(r[8]),
                            Rows.text(r[9]), Rows.text(r[10]), Rows.text(r[11]));
                });
    }

    /**
     * The patients in the caller's scope, in the order they were registered, {@code limit} of them
     * after the cursor; {@code q} matches the start of a family or given name (any case) or a whole MRN.
     */
    public Uni<List<ListedPatient>> search(PatientListScope scope, String q, Cursor after, int limit) {
        StringBuilder sql = new StringBuilder("""
                select p.id, p.mrn, p.given_name, p.family_name, p.birth_date::text, p.sex, p.created_at
                  from patient p
                 where """).append(scope.condition());
        if (q != null) {
            sql.append(" and (lower(p.family_name) like :prefix escape '\\' or lower(p.given_name) like :prefix escape '\\'"
                    + " or p.mrn = :mrn)");
        }
        if (after != null) {
            sql.append(" and (p.created_at, p.id) > (:afterAt, :afterId)");
        }
        sql.append(" order by p.created_at, p.id limit :limit");
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery(sql.toString(), Object[].class).setParameter("limit", limit);
            if (scope.condition().contains(":scopeAccount")) {
                query.setParameter("scopeAccount", scope.account());
            }
            if (scope.condition().contains(":scopeOrganization")) {
                query.setParameter("scopeOrganization", scope.organization());
            }
            if (q != null) {
                query.setParameter("prefix", likePrefix(q)).setParameter("mrn", q);
            }
            if (after != null) {
                query.setParameter("afterAt", after.at()).setParameter("afterId", after.id());
            }
            return query.getResultList();
        }).map(rows -> rows.stream().map(r -> new ListedPatient(
                new PatientSummary((UUID) r[0], Rows.text(r[1]), Rows.text(r[2]), Rows.text(r[3]), LocalDate.parse(Rows.text(r[4])), Rows.text(r[5])),
                Rows.instant(r[6]))).toList());
    }

    private static String likePrefix(String q) {
        String escaped = q.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return escaped + "%";
    }

}
