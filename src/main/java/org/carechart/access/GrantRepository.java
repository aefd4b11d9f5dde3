package org.carechart.access;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Grants (access_grant). Native queries: the categories are a text[] column. */
@ApplicationScoped
public class GrantRepository {

    private static final String COLUMNS = """
            select id, patient_id, grantee_type, grantee_id, array_to_string(categories, ','), purpose, expires_at,
                   created_at, created_by, revoked_at, revoked_by
              from access_grant
            """;

    public Uni<Void> insert(Grant grant) {
        String sql = "insert into access_grant (id, patient_id, grantee_type, grantee_id, categories, purpose, created_at, created_by"
                + (grant.expiresAt() == null ? "" : ", expires_at")
                + ") values (:id, :patient, :type, :grantee, string_to_array(:categories, ','), :purpose, :createdAt, :createdBy"
                + (grant.expiresAt() == null ? "" : ", :expiresAt") + ")";
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery(sql)
                    .setParameter("id", grant.id())
                    .setParameter("patient", grant.patientId())
                    .setParameter("type", grant.granteeType().code())
                    .setParameter("grantee", grant.granteeId())
                    .setParameter("categories", grant.categories().stream().map(DataCategory::code).sorted()
                            .collect(Collectors.joining(",")))
                    .setParameter("purpose", grant.purpose())
                    .setParameter("createdAt", grant.createdAt())
                    .setParameter("createdBy", grant.createdBy());
            if (grant.expiresAt() != null) {
                query.setParameter("expiresAt", grant.expiresAt());
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }

    /** Revokes a grant not yet revoked; false when there was none to revoke. */
    public Uni<Boolean> revoke(UUID patientId, UUID grantId, Instant at, UUID by) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "update access_grant set revoked_at = :at, revoked_by = :by where id = :id and patient_id = :patient and revoked_at is null")
                .setParameter("at", at).setParameter("by", by).setParameter("id", grantId).setParameter("patient", patientId)
                .executeUpdate()).map(n -> n > 0);
    }

    public Uni<Grant> find(UUID patientId, UUID grantId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(COLUMNS + " where id = :id and patient_id = :patient", Object[].class)
                        .setParameter("id", grantId).setParameter("patient", patientId).getResultList())
                .map(rows -> rows.isEmpty() ? null : grant(rows.get(0)));
    }

    public Uni<List<Grant>> forPatient(UUID patientId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(COLUMNS + " where patient_id = :patient order by created_at desc, id",
                        Object[].class).setParameter("patient", patientId).getResultList())
                .map(rows -> rows.stream().map(GrantRepository::grant).toList());
    }

    /** Whether the grantee named by a new grant exists and is of the kind the grant says. */
    public Uni<Boolean> granteeExists(Grant.GranteeType type, UUID granteeId) {
        String sql = switch (type) {
            case ORGANIZATION -> "select count(*) from organization where id = :id";
            case PROVIDER -> "select count(*) from account where id = :id and 'provider' = any(roles)";
            case APP -> "select count(*) from account where id = :id and 'app' = any(roles)";
        };
        return Panache.getSession().chain(s -> s.createNativeQuery(sql, Long.class).setParameter("id", granteeId).getSingleResult())
                .map(n -> ((Number) n).longValue() > 0);
    }

    private static Grant grant(Object[] r) {
        Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
        for (String code : Rows.text(r[4]).split(",")) {
            DataCategory.fromCode(code).ifPresent(categories::add);
        }
        return new Grant(Rows.uuid(r[0]), Rows.uuid(r[1]), Grant.GranteeType.fromCode(Rows.text(r[2])).orElseThrow(),
                Rows.uuid(r[3]), categories, Rows.text(r[5]), Rows.instant(r[6]), Rows.instant(r[7]), Rows.uuid(r[8]),
                Rows.instant(r[9]), Rows.uuid(r[10]));
    }
}
