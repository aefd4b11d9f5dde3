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
public class ProxyLinkRepository implements PanacheRepositoryBase<ProxyLinkEntity, UUID> {

    private static final String LINKS = """
            select l.id, l.patient_id, l.proxy_account_id, a.display_name, l.relationship, l.starts_at, l.ends_at
              from proxy_link l join account a on a.id = l.proxy_account_id
            """;

    private static final String ACTING_FOR = """
            select p.id, p.given_name, p.family_name, l.relationship
              from proxy_link l join patient p on p.id = l.patient_id
             where l.proxy_account_id = :account and l.starts_at <= now() and (l.ends_at is null or l.ends_at > now())
             order by p.family_name, p.given_name, p.id
            """;

    public Uni<List<ProxyLink>> forPatient(UUID patientId) {
        return Sql.of(LINKS + " where l.patient_id = :patient order by l.starts_at desc, l.id")
                .bind("patient", patientId).list(ProxyLinkRepository::link);
    }

    public Uni<ProxyLink> link(UUID patientId, UUID proxyId) {
        return Sql.of(LINKS + " where l.patient_id = :patient and l.id = :id").bind("patient", patientId).bind("id", proxyId)
                .first(ProxyLinkRepository::link).map(found -> found.orElse(null));
    }

    public Uni<Boolean> hasOpenLink(UUID patientId, UUID proxyAccountId) {
        return count("patientId = ?1 and proxyAccountId = ?2 and (endsAt is null or endsAt > current_timestamp)",
                patientId, proxyAccountId).map(n -> n > 0);
    }

    public Uni<List<ActingFor>> actingFor(UUID accountId) {
        return Sql.of(ACTING_FOR).bind("account", accountId).list(r -> new ActingFor(r.uuid("id"), r.text("given_name"),
                r.text("family_name"), r.text("relationship")));
    }

    private static ProxyLink link(SqlRow row) {
        return new ProxyLink(row.uuid("id"), row.uuid("patient_id"), row.uuid("proxy_account_id"), row.text("display_name"),
                row.text("relationship"), row.instant("starts_at"), row.instant("ends_at"));
    }
}
