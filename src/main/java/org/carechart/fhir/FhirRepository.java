package org.carechart.fhir;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.carechart.common.Rows;
import org.carechart.fhir.FhirMapper.Party;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Read-only directory queries: practitioners (provider and staff accounts) and organizations that
 * chart resources reference. No health data: no access decision is needed to read them.
 */
@ApplicationScoped
public class FhirRepository {

    public Uni<Map<UUID, Party>> practitioners(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(s -> s.createNativeQuery("select a.id, a.display_name, a.organization_id, o.name"
                        + " from account a left join organization o on o.id = a.organization_id"
                        + " where a.id in (:ids) and a.roles && array['provider', 'staff']::text[]", Object[].class)
                .setParameter("ids", List.copyOf(ids)).getResultList()).map(rows -> {
            Map<UUID, Party> parties = new LinkedHashMap<>();
            rows.forEach(r -> parties.put(Rows.uuid(r[0]),
                    new Party(Rows.uuid(r[0]), Rows.text(r[1]), Rows.uuid(r[2]), Rows.text(r[3]))));
            return parties;
        });
    }

    public Uni<Optional<String>> organizationName(UUID id) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select o.name from organization o where o.id = :id",
                String.class).setParameter("id", id).getResultList()).map(rows -> rows.stream().findFirst());
    }
}
