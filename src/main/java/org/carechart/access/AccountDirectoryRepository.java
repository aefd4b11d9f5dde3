package org.carechart.access;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.carechart.common.Rows;

import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** What the relationship rules need to know of an account before linking it: its name, roles and own patient record. */
@ApplicationScoped
public class AccountDirectoryRepository {

    record AccountFacts(UUID id, String displayName, Set<String> roles, UUID patientId) {
    }

    public Uni<AccountFacts> find(UUID accountId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select id, display_name, array_to_string(roles, ','), patient_id from account where id = :id", Object[].class)
                .setParameter("id", accountId).getResultList())
                .map(rows -> rows.isEmpty() ? null : new AccountFacts(Rows.uuid(rows.get(0)[0]), Rows.text(rows.get(0)[1]),
                        Arrays.stream(Rows.text(rows.get(0)[2]).split(",")).filter(r -> !r.isBlank()).collect(Collectors.toSet()),
                        Rows.uuid(rows.get(0)[3])));
    }
}
