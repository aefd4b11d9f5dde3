package org.carechart.patient;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.carechart.access.PatientListScope;
import org.carechart.common.Cursor;
import org.carechart.common.Sql;
import org.carechart.common.SqlRow;
import org.carechart.patient.api.PatientSummary;
import org.carechart.patient.api.PatientView;

import java.time.Instant;
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
            select id, organization_id, mrn, given_name, family_name, birth_date, sex, phone, email,
                   address_line, city, postal_code
              from patient where id = :id
            """;

    /** A patient row as the demographics endpoint shows it. */
    static PatientView view(SqlRow r) {
        return new PatientView(r.uuid("id"), r.uuid("organization_id"), r.text("mrn"), r.text("given_name"),
                r.text("family_name"), r.date("birth_date"), r.text("sex"), r.text("phone"), r.text("email"),
                r.text("address_line"), r.text("city"), r.text("postal_code"));
    }

    /** A patient row as the list shows it, with its sort key. */
    static ListedPatient listed(SqlRow r) {
        return new ListedPatient(new PatientSummary(r.uuid("id"), r.text("mrn"), r.text("given_name"),
                r.text("family_name"), r.date("birth_date"), r.text("sex")), r.instant("created_at"));
    }

    public Uni<PatientView> find(UUID id) {
        return Sql.of(DEMOGRAPHICS).bind("id", id).first(PatientRepository::view).map(found -> found.orElse(null));
    }

    /**
     * The patients in the caller's scope, in the order they were registered, {@code limit} of them
     * after the cursor; {@code q} matches the start of a family or given name (any case) or a whole MRN.
     */
    public Uni<List<ListedPatient>> search(PatientListScope scope, String q, Cursor after, int limit) {
        StringBuilder sql = new StringBuilder("""
                select p.id, p.mrn, p.given_name, p.family_name, p.birth_date, p.sex, p.created_at
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
        Sql query = Sql.of(sql.toString()).bind("limit", limit);
        if (scope.condition().contains(":scopeAccount")) {
            query.bind("scopeAccount", scope.account());
        }
        if (scope.condition().contains(":scopeOrganization")) {
            query.bind("scopeOrganization", scope.organization());
        }
        if (q != null) {
            query.bind("prefix", likePrefix(q)).bind("mrn", q);
        }
        if (after != null) {
            query.bind("afterAt", after.at()).bind("afterId", after.id());
        }
        return query.list(PatientRepository::listed);
    }

    private static String likePrefix(String q) {
        String escaped = q.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return escaped + "%";
    }

}
