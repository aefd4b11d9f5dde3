package org.carechart.identity;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.common.BearerSecrets;
import org.carechart.common.ProblemException;
import org.carechart.identity.api.NewAccount;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

/**
 * The identity feature's units of work, each one {@code @WithTransaction} method (the one transaction idiom).
 * They live apart from {@link TokenService} and {@link AccountService} because those hash or check passwords
 * between them: no connection is held while bcrypt works, and a CDI interceptor does not apply to a call
 * from a bean to itself.
 */
@ApplicationScoped
class IdentityUnits {

    @Inject
    AccountRepository accounts;

    @Inject
    RefreshTokenRepository refreshTokens;

    @Inject
    IdentityConfig config;

    @WithTransaction
    Uni<Account> accountNamed(String username) {
        return accounts.findByUsername(username);
    }

    /** Rotates the refresh token with this hash, or says why not. */
    @WithTransaction
    Uni<RefreshOutcome> rotate(byte[] hash, Instant now) {
        return refreshTokens.findByHash(hash).chain(token -> rotate(token, now));
    }

    /** Revokes the family of the token with this hash; its owner, or null for an unknown token. */
    @WithTransaction
    Uni<Account> revokeFamilyOf(byte[] hash, Instant now) {
        return refreshTokens.findByHash(hash).chain(token -> token == null
                ? Uni.createFrom().<Account>nullItem()
                : refreshTokens.revokeFamily(token.familyId, now).chain(() -> accounts.findById(token.accountId)));
    }

    @WithTransaction
    Uni<Account> revokeAll(UUID accountId, Instant now) {
        return refreshTokens.revokeAllOf(accountId, now).chain(() -> accounts.findById(accountId));
    }

    /** A successful sign-in: the failed count starts afresh and a new refresh token family begins; the raw token. */
    @WithTransaction
    Uni<String> signedIn(UUID accountId, Instant now) {
        return accounts.clearFailedLogins(accountId).chain(() -> newRefreshToken(accountId, UUID.randomUUID(), now));
    }

    @WithTransaction
    Uni<Integer> countFailedLogin(UUID accountId, Instant now) {
        return accounts.recordFailedLogin(accountId, config.maxFailedLogins(), now, now.plus(config.lockDuration()));
    }

    /** A new account (its password already hashed); 409 for a taken username, 422 for an unknown organization or patient. */
    @WithTransaction
    Uni<Account> createAccount(NewAccount request, Set<Role> roles, String hash) {
        String username = request.username();
        return accounts.findByUsername(username)
                .invoke(existing -> {
                    if (existing != null) {
                        throw ProblemException.conflict("That username is taken.");
                    }
                })
                .chain(() -> request.organizationId() == null ? Uni.createFrom().item(true)
                        : accounts.organizationExists(request.organizationId()))
                .invoke(exists -> {
                    if (!exists) {
                        throw ProblemException.invalid("organizationId", "is not a known organization");
                    }
                })
                .chain(() -> request.patientId() == null ? Uni.createFrom().item(true)
                        : accounts.patientExists(request.patientId()))
                .invoke(exists -> {
                    if (!exists) {
                        throw ProblemException.invalid("patientId", "is not a known patient");
                    }
                })
                .chain(() -> {
                    Account account = new Account();
                    account.id = UUID.randomUUID();
                    account.username = username;
                    account.passwordHash = hash;
                    account.displayName = request.displayName().strip();
                    account.roles = roles.stream().map(Role::claim).toArray(String[]::new);
                    account.organizationId = request.organizationId();
                    account.patientId = request.patientId();
                    account.failedLogins = 0;
                    // Microseconds: what PostgreSQL keeps, so the cursor of this row matches the row.
                    account.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    return accounts.persist(account);
                });
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
                : owner.chain(account -> newRefreshToken(account.id, token.familyId, now)
                .map(fresh -> RefreshOutcome.rotated(account, fresh))));
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
