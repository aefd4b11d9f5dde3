package org.carechart.access;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.carechart.common.Rows;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class CareTeamRepository implements PanacheRepositoryBase<CareTeamMemberEntity, UUID> {

    private static final String LINKS = """
            select c.id, c.patient_id, c.provider_id, a.display_name, c.role, c.starts_at, c.ends_at
              from care_team_member c join account a on a.id = c.provider_id
            """;

    public Uni<List<CareTeamLink>> forPatient(UUID patientId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(LINKS + " where c.patient_id = :patient order by c.starts_at desc, c.id",
                        Object[].class)
                .setParameter("patient", patientId).getResultList())
                .map(rows -> rows.stream().map(CareTeamRepository::link).toList());
    }

    public Uni<CareTeamLink> link(UUID patientId, UUID memberId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(LINKS + " where c.patient_id = :patient and c.id = :id",
                        Object[].class)
                .setParameter("patient", patientId).setParameter("id", memberId).getResultList())
                .map(rows -> rows.isEmpty() ? null : link(rows.get(0)));
    }

    /** A link of this provider to this patient that has not ended (in force now or starting later). */
    public Uni<Boolean> hasOpenLink(UUID patientId, UUID providerId) {
        return count("patientId = ?1 and providerId = ?2 and (endsAt is null or endsAt > current_timestamp)",
                patientId, providerId).map(n -> n > 0);
    }

    private static CareTeamLink link(Object[] row) {
        return new CareTeamLink(Rows.uuid(row[0]), Rows.uuid(row[1]), Rows.uuid(row[2]), Rows.text(row[3]),
                Rows.text(row[4]), Rows.instant(row[5]), Rows.instant(row[6]));
    }
}
