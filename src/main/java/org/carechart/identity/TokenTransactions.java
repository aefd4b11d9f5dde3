package org.carechart.identity;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.common.BearerSecrets;

import java.time.Instant;
import java.util.UUID;

/**
 * The short transactions of {@link TokenService}, each a bean method it calls between the steps that must
 * run outside any transaction (rate limits, the sign-in throttle on its own connection, bcrypt, the
 * sign-in audit). Apart from TokenService so that no class with a unit of work also calls a class on
 * its own connection ({@code ArchitectureTest}).
 */
@ApplicationScoped
class TokenTransactions {

    @Inject
    AccountRepository accounts;

    @Inject
    RefreshTokenRepository refreshTokens;

    @Inject
    IdentityConfig config;

    @Inject
    SessionEnds sessionEnds;

    /** The account a password sign-in names (null when none), read before the password is checked. */
    @WithTransaction
    Uni<Account> accountByName(String name) {
        return accounts.findByUsername(name);
    }

    /** A right password: the failed-login count starts again (the response is a token elsewhere). */
    @WithTransaction
    Uni<Void> failedLoginsCleared(UUID accountId) {
        return accounts.clearFailedLogins(accountId).replaceWithVoid();
    }

    /** A right password at the token endpoint: the count cleared and a new refresh-token family, in one transaction. */
    @WithTransaction
    Uni<String> signedIn(UUID accountId, Instant now) {
        return accounts.clearFailedLogins(accountId).chain(() -> newRefreshToken(accountId, UUID.randomUUID(), now));
    }

    /** A refresh: the token rotated, or its family ended when it was used before; committed either way. */
    @WithTransaction
    Uni<RefreshOutcome> refreshed(byte[] hash, Instant now) {
        return refreshTokens.findByHash(hash).chain(token -> rotate(token, now));
    }

    /** Sign-out: the token's family revoked; the account it belonged to (null for an unknown token). */
    @WithTransaction
    Uni<Account> familyRevoked(byte[] hash, Instant now) {
        return refreshTokens.findByHash(hash).chain(token -> token == null
                ? Uni.createFrom().<Account>nullItem()
                : refreshTokens.revokeFamily(token.familyId, now).chain(() -> accounts.findById(token.accountId)));
    }

    /** Sign-out everywhere: every refresh token revoked, the sessions' end noted and announced; the account. */
    @WithTransaction
    Uni<Account> sessionsRevoked(UUID accountId, Instant now) {
        return refreshTokens.revokeAllOf(accountId, now)
                .chain(() -> accounts.revokeSessions(accountId))
                .call(() -> sessionEnds.ended(accountId))
                .chain(() -> accounts.findById(accountId));
    }

    private Uni<RefreshOutcome> rotate(RefreshToken token, Instant now) {
        if (token == null) {
            return Uni.createFrom().item(RefreshOutcome.refused(null));
        }
        Uni<Account> owner = accounts.findById(token.accountId);
        if (token.revokedAt != null || !token.expiresAt.isAfter(now)) {
            return owner.map(RefreshOutcome::refused);
        }
        if (token.usedAt != null) {
            return reused(token, owner, now);
        }
        return refreshTokens.markUsed(token.id, now).chain(marked -> marked == 0 ? reused(token, owner, now)
                : owner.chain(account -> account.disabledAt != null || account.lockedAt(now)
                // A disabled or locked account gets no new tokens; the one presented is used up.
                ? Uni.createFrom().item(RefreshOutcome.refused(account))
                : newRefreshToken(account.id, token.familyId, now).map(fresh -> RefreshOutcome.rotated(account, fresh))));
    }

    /** A used token came back: someone holds a copy. End the whole family, the thief's and the owner's tokens alike. */
    private Uni<RefreshOutcome> reused(RefreshToken token, Uni<Account> owner, Instant now) {
        return refreshTokens.revokeFamily(token.familyId, now).chain(() -> owner).map(RefreshOutcome::reused);
    }

    private Uni<String> newRefreshToken(UUID accountId, UUID familyId, Instant now) {
        String raw = BearerSecrets.newSecret();
        RefreshToken token = new RefreshToken();
        token.id = UUID.randomUUID();
        token.familyId = familyId;
        token.accountId = accountId;
        token.tokenHash = BearerSecrets.sha256(raw);
        token.issuedAt = now;
        token.expiresAt = now.plus(config.refreshTokenTtl());
        return refreshTokens.persist(token).replaceWith(raw);
    }

    record RefreshOutcome(Kind kind, Account account, String newRefreshToken) {
        enum Kind { ROTATED, REUSED, REFUSED }

        static RefreshOutcome rotated(Account account, String token) {
            return new RefreshOutcome(Kind.ROTATED, account, token);
        }

        static RefreshOutcome reused(Account account) {
            return new RefreshOutcome(Kind.REUSED, account, null);
        }

        static RefreshOutcome refused(Account account) {
            return new RefreshOutcome(Kind.REFUSED, account, null);
        }
    }
}
