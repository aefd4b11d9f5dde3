package org.carechart.access;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.carechart.common.Sql;
import org.carechart.common.SqlRow;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class CareTeamRepository implements PanacheRepositoryBase<CareTeamMemberEntity, UUID> {

    private static final String LINKS = """
            select c.id, c.patient_id, c.provider_id, a.display_name, c.role, c.starts_at, c.ends_at
              from care_team_member c join account a on a.id = c.provider_id
            """;

    public Uni<List<CareTeamLink>> forPatient(UUID patientId) {
        return Sql.of(LINKS + " where c.patient_id = :patient order by c.starts_at desc, c.id")
                .bind("patient", patientId).list(CareTeamRepository::link);
    }

    public Uni<CareTeamLink> link(UUID patientId, UUID memberId) {
        return Sql.of(LINKS + " where c.patient_id = :patient and c.id = :id").bind("patient", patientId).bind("id", memberId)
                .first(CareTeamRepository::link).map(found -> found.orElse(null));
    }

    /** A link of this provider to this patient that has not ended (in force now or starting later). */
    public Uni<Boolean> hasOpenLink(UUID patientId, UUID providerId) {
        return count("patientId = ?1 and providerId = ?2 and (endsAt is null or endsAt > current_timestamp)",
                patientId, providerId).map(n -> n > 0);
    }

    private static CareTeamLink link(SqlRow row) {
        return new CareTeamLink(row.uuid("id"), row.uuid("patient_id"), row.uuid("provider_id"), row.text("display_name"),
                row.text("role"), row.instant("starts_at"), row.instant("ends_at"));
    }
}
