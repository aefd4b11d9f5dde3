package org.carechart.access;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.carechart.common.Sql;
import org.carechart.common.SqlRow;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Who is entitled to hear of a patient's events, read from the same facts the access policy
 * decides on: the patient's own accounts, active proxies, the active care team, and apps holding
 * an active grant that covers the category (directly or through their organization). Runs in the
 * caller's unit of work; the checks made outside any transaction are {@link AudienceReach}'s.
 */
@ApplicationScoped
public class AudienceRepository {

    static final String PERSON = "person";
    static final String APP = "app";

    private static final String AUDIENCE = """
            select a.id as id, 'person' as kind, cast(null as text) as relationship, cast(null as date) as birth_date
              from account a where a.patient_id = :patient
            union
            select pl.proxy_account_id, 'person', pl.relationship, p.birth_date from proxy_link pl
              join patient p on p.id = pl.patient_id
             where pl.patient_id = :patient and pl.starts_at <= now() and (pl.ends_at is null or pl.ends_at > now())
            union
            select c.provider_id, 'person', cast(null as text), cast(null as date) from care_team_member c
             where c.patient_id = :patient and c.starts_at <= now() and (c.ends_at is null or c.ends_at > now())
            union
            select a.id, 'app', cast(null as text), cast(null as date) from access_grant g
              join account a on 'app' = any (a.roles)
                             and ((g.grantee_type = 'app' and a.id = g.grantee_id)
                               or (g.grantee_type = 'organization' and a.organization_id = g.grantee_id))
             where g.patient_id = :patient and %s and %s
            """.formatted(AccessPolicy.grantInForceSql("g"), AccessPolicy.grantShowsSql("g", "category", "sensitive"));

    /** One who hears of a patient's events; relationship and the patient's birth date only for proxies. */
    record Member(UUID id, String kind, String relationship, LocalDate birthDate) {
        static Member from(SqlRow row) {
            return new Member(row.uuid("id"), row.text("kind"), row.text("relationship"), row.date("birth_date"));
        }

        boolean app() {
            return APP.equals(kind);
        }
    }

    /** In the caller's transaction (on its session): everyone entitled to hear of the patient's events. */
    Uni<List<Member>> audience(UUID patientId, String category, boolean sensitive) {
        return Sql.of(AUDIENCE)
                .bind("patient", patientId)
                .bind("category", category)
                .bind("sensitive", sensitive)
                .list(Member::from);
    }
}
