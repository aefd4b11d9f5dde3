package org.carechart.identity;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.carechart.common.Cursor;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AccountRepository implements PanacheRepositoryBase<Account, UUID> {

    public Uni<Account> findByUsername(String username) {
        return find("username", username).firstResult();
    }

    /** Keyset page in creation order; {@code after} is the last account of the previous page. */
    public Uni<List<Account>> page(Cursor after, int limit) {
        if (after == null) {
            return find("order by createdAt, id").page(0, limit).list();
        }
        return find("createdAt > :at or (createdAt = :at and id > :id) order by createdAt, id",
                Parameters.with("at", after.at()).and("id", after.id())).page(0, limit).list();
    }

    public Uni<Integer> clearFailedLogins(UUID id) {
        return update("failedLogins = 0, lockedUntil = null where id = :id", Parameters.with("id", id));
    }

    /** Disables the account and ends its sessions; 0 when there is no such account. */
    public Uni<Integer> disable(UUID id) {
        return update("disabledAt = coalesce(disabledAt, current_timestamp), sessionsRevokedAt = current_timestamp where id = :id",
                Parameters.with("id", id));
    }

    public Uni<Integer> enable(UUID id) {
        return update("disabledAt = null where id = :id", Parameters.with("id", id));
    }

    /** Access tokens issued before now stop working. */
    public Uni<Integer> revokeSessions(UUID id) {
        return update("sessionsRevokedAt = current_timestamp where id = :id", Parameters.with("id", id));
    }

    public Uni<Boolean> organizationExists(UUID organizationId) {
        return getSession().chain(session -> session
                .createNativeQuery("select count(*) from organization where id = :id", Long.class)
                .setParameter("id", organizationId).getSingleResult())
                .map(count -> count > 0);
    }

    public Uni<Boolean> patientExists(UUID patientId) {
        return getSession().chain(session -> session
                .createNativeQuery("select count(*) from patient where id = :id", Long.class)
                .setParameter("id", patientId).getSingleResult())
                .map(count -> count > 0);
    }
}
