package org.carechart.identity;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.common.BearerSecrets;
import org.carechart.common.ProblemException;
import org.carechart.common.ProblemType;
import org.carechart.identity.api.TokenResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The embedded issuer: password and refresh-token grants, rotation with reuse detection, and
 * revocation. Password checks run between two short transactions, so no connection is held while
 * bcrypt works. Every outcome is reported to {@link SignInAudit} after the work committed.
 */
@ApplicationScoped
public class TokenService {

    static final String WRONG_CREDENTIALS = "The username or password is wrong.";
    static final String BAD_REFRESH_TOKEN = "The refresh token is unknown, expired, revoked or already used.";

    @Inject
    IdentityUnits units;

    @Inject
    Passwords passwords;

    @Inject
    AccessTokens accessTokens;

    @Inject
    SignInAudit signIns;

    @Inject
    IdentityConfig config;

    public Uni<TokenResponse> passwordGrant(String username, String password, Caller.ClientInfo client) {
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.badRequest("grant_type=password needs username and password."));
        }
        return units.accountNamed(username.trim())
                .chain(account -> {
                    Instant now = Instant.now();
                    if (account != null && account.lockedAt(now)) {
                        return signIns.record(attempt(SignInAttempt.Kind.LOGIN, false, account, client))
                                .chain(() -> Uni.createFrom().failure(new AccountLockedException(
                                        Duration.between(now, account.lockedUntil).toSeconds() + 1)));
                    }
                    return passwords.matches(password, account == null ? null : account.passwordHash)
                            .chain(matches -> matches ? signedIn(account, client) : wrongPassword(account, client));
                });
    }

    public Uni<TokenResponse> refreshGrant(String rawToken, Caller.ClientInfo client) {
        if (rawToken == null || rawToken.isBlank()) {
            return Uni.createFrom().failure(ProblemException.badRequest("grant_type=refresh_token needs refresh_token."));
        }
        byte[] hash = BearerSecrets.sha256(rawToken);
        Instant now = Instant.now();
        return units.rotate(hash, now)
                .chain(outcome -> switch (outcome.kind()) {
                    case ROTATED -> signIns.record(attempt(SignInAttempt.Kind.TOKEN_REFRESH, true, outcome.account(), client))
                            .map(ignored -> TokenResponse.bearer(accessTokens.sign(outcome.account(), now),
                                    accessTokens.lifetimeSeconds(), outcome.newRefreshToken()));
                    case REUSED -> signIns.record(attempt(SignInAttempt.Kind.REFRESH_TOKEN_REUSE, false, outcome.account(), client))
                            .chain(() -> Uni.createFrom().failure(invalidGrant(BAD_REFRESH_TOKEN)));
                    case REFUSED -> signIns.record(attempt(SignInAttempt.Kind.TOKEN_REFRESH, false, outcome.account(), client))
                            .chain(() -> Uni.createFrom().failure(invalidGrant(BAD_REFRESH_TOKEN)));
                });
    }

    /**
     * Revokes the family of the given refresh token (RFC 7009: an unknown token is not an error,
     * so the answer tells nothing about which tokens exist).
     */
    public Uni<Void> revoke(String rawToken, Caller.ClientInfo client) {
        Instant now = Instant.now();
        return units.revokeFamilyOf(BearerSecrets.sha256(rawToken), now)
                .chain(account -> account == null ? Uni.createFrom().voidItem()
                        : signIns.record(attempt(SignInAttempt.Kind.LOGOUT, true, account, client)));
    }

    /** Signs the account out everywhere: every refresh token it holds stops working. */
    public Uni<Void> revokeAll(UUID accountId, Caller.ClientInfo client) {
        Instant now = Instant.now();
        return units.revokeAll(accountId, now)
                .chain(account -> account == null ? Uni.createFrom().voidItem()
                        : signIns.record(attempt(SignInAttempt.Kind.LOGOUT, true, account, client)));
    }

    private Uni<TokenResponse> signedIn(Account account, Caller.ClientInfo client) {
        Instant now = Instant.now();
        return units.signedIn(account.id, now)
                .call(() -> signIns.record(attempt(SignInAttempt.Kind.LOGIN, true, account, client)))
                .map(refreshToken -> TokenResponse.bearer(accessTokens.sign(account, now), accessTokens.lifetimeSeconds(),
                        refreshToken));
    }

    private Uni<TokenResponse> wrongPassword(Account account, Caller.ClientInfo client) {
        Instant now = Instant.now();
        Uni<Integer> counted = account == null ? Uni.createFrom().item(0)
                : units.countFailedLogin(account.id, now);
        return counted
                .chain(() -> signIns.record(attempt(SignInAttempt.Kind.LOGIN, false, account, client)))
                .chain(() -> Uni.createFrom().failure(invalidGrant(WRONG_CREDENTIALS)));
    }

    private static SignInAttempt attempt(SignInAttempt.Kind kind, boolean success, Account account, Caller.ClientInfo client) {
        return account == null
                ? new SignInAttempt(kind, success, null, null, null, null, client)
                : new SignInAttempt(kind, success, account.id, account.displayName, account.roleSet(), account.organizationId, client);
    }

    static ProblemException invalidGrant(String detail) {
        return new ProblemException(ProblemType.INVALID_GRANT, detail);
    }


}
