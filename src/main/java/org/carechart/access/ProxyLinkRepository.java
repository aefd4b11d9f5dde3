package org.carechart.access;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.carechart.common.Rows;

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
        return Panache.getSession().chain(s -> s.createNativeQuery(LINKS + " where l.patient_id = :patient order by l.starts_at desc, l.id",
                        Object[].class)
                .setParameter("patient", patientId).getResultList())
                .map(rows -> rows.stream().map(ProxyLinkRepository::link).toList());
    }

    public Uni<ProxyLink> link(UUID patientId, UUID proxyId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(LINKS + " where l.patient_id = :patient and l.id = :id",
                        Object[].class)
                .setParameter("patient", patientId).setParameter("id", proxyId).getResultList())
                .map(rows -> rows.isEmpty() ? null : link(rows.get(0)));
    }

    public Uni<Boolean> hasOpenLink(UUID patientId, UUID proxyAccountId) {
        return count("patientId = ?1 and proxyAccountId = ?2 and (endsAt is null or endsAt > current_timestamp)",
                patientId, proxyAccountId).map(n -> n > 0);
    }

    public Uni<List<ActingFor>> actingFor(UUID accountId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(ACTING_FOR, Object[].class)
                        .setParameter("account", accountId).getResultList())
                .map(rows -> rows.stream().map(r -> new ActingFor(Rows.uuid(r[0]), Rows.text(r[1]), Rows.text(r[2]),
                        Rows.text(r[3]))).toList());
    }

    private static ProxyLink link(Object[] row) {
        return new ProxyLink(Rows.uuid(row[0]), Rows.uuid(row[1]), Rows.uuid(row[2]), Rows.text(row[3]),
                Rows.text(row[4]), Rows.instant(row[5]), Rows.instant(row[6]));
    }
}
