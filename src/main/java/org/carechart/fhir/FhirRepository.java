package org.carechart.fhir;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.carechart.common.Sql;
import org.carechart.fhir.FhirMapper.Party;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Read-only directory queries: practitioners (provider and staff accounts) and organizations that
 * chart resources reference. No health data: no access decision is needed to read them. Proxy links
 * are looked up here only to find their patient; reading them goes through {@code PatientService}.
 */
@ApplicationScoped
public class FhirRepository {

    public Uni<Map<UUID, Party>> practitioners(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Sql.of("select a.id, a.display_name, a.organization_id, o.name as organization_name"
                        + " from account a left join organization o on o.id = a.organization_id"
                        + " where a.id in (:ids) and a.roles && array['provider', 'staff']::text[]")
                .bind("ids", List.copyOf(ids))
                .list(r -> new Party(r.uuid("id"), r.text("display_name"), r.uuid("organization_id"), r.text("organization_name")))
                .map(rows -> {
                    Map<UUID, Party> parties = new LinkedHashMap<>();
                    rows.forEach(p -> parties.put(p.id(), p));
                    return parties;
                });
    }

    public Uni<Optional<String>> organizationName(UUID id) {
        return Sql.of("select o.name from organization o where o.id = :id").bind("id", id).first(r -> r.text("name"));
    }

    /** The patient a proxy link belongs to (the link is then read through the access policy, as the native API does). */
    public Uni<Optional<UUID>> proxyLinkPatient(UUID linkId) {
        return Sql.of("select l.patient_id from proxy_link l where l.id = :id").bind("id", linkId).first(r -> r.uuid("patient_id"));
    }
}
