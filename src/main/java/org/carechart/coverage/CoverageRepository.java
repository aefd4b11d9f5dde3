package org.carechart.coverage;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.carechart.common.Sql;
import org.carechart.common.SqlRow;
import org.carechart.coverage.api.CoverageView;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Coverage rows. Queries only; the service decides and records. */
@ApplicationScoped
public class CoverageRepository {

    private static final String COLUMNS = "c.id, c.patient_id, c.payer_organization_id, o.name as payer_name, c.status,"
            + " c.type_code, c.type_display, c.member_id, c.subscriber_id, c.relationship, c.plan_value, c.plan_name,"
            + " c.group_value, c.group_name, c.starts_on, c.ends_on, c.updated_at"
            + " from coverage c join organization o on o.id = c.payer_organization_id";

    static CoverageView view(SqlRow r) {
        return new CoverageView(r.uuid("id"), r.uuid("patient_id"), r.uuid("payer_organization_id"), r.text("payer_name"),
                r.text("status"), r.text("type_code"), r.text("type_display"), r.text("member_id"), r.text("subscriber_id"),
                r.text("relationship"), r.text("plan_value"), r.text("plan_name"), r.text("group_value"),
                r.text("group_name"), r.date("starts_on"), r.date("ends_on"), r.instant("updated_at"));
    }

    /** The patient's coverages, newest period first (entered-in-error left out). */
    public Uni<List<CoverageView>> ofPatient(UUID patientId) {
        return Sql.of("select " + COLUMNS + " where c.patient_id = :p and c.status <> 'entered-in-error'"
                        + " order by c.starts_on desc nulls last, c.id")
                .bind("p", patientId).list(CoverageRepository::view);
    }

    /** The patient a coverage belongs to (to decide on), or empty. */
    public Uni<Optional<UUID>> patientOf(UUID coverageId) {
        return Sql.of("select c.patient_id from coverage c where c.id = :id").bind("id", coverageId)
                .first(r -> r.uuid("patient_id"));
    }
}
