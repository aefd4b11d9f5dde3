package org.carechart.identity;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class RefreshTokenRepository implements PanacheRepositoryBase<RefreshToken, UUID> {

    public Uni<RefreshToken> findByHash(byte[] hash) {
        return find("tokenHash", hash).firstResult();
    }

    /**
     * Marks the token used if nobody did before: 0 rows means a concurrent request won the race,
     * which is a reuse like any other.
     */
    public Uni<Integer> markUsed(UUID id, Instant now) {
        return update("usedAt = :now where id = :id and usedAt is null and revokedAt is null",
                Parameters.with("now", now).and("id", id));
    }

    public Uni<Integer> revokeFamily(UUID familyId, Instant now) {
        return update("revokedAt = :now where familyId = :family and revokedAt is null",
                Parameters.with("now", now).and("family", familyId));
    }

    public Uni<Integer> revokeAllOf(UUID accountId, Instant now) {
        return update("revokedAt = :now where accountId = :account and revokedAt is null",
                Parameters.with("now", now).and("account", accountId));
    }
}
