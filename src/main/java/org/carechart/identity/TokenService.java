package org.carechart.identity;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.common.BearerSecrets;
import org.carechart.common.ProblemException;
import org.carechart.common.ProblemType;
import org.carechart.identity.api.TokenResponse;
import org.carechart.ratelimit.Quota;
import org.carechart.ratelimit.RateLimitedException;
import org.carechart.ratelimit.RateLimiter;
import org.carechart.ratelimit.Verdict;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
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
    AccountRepository accounts;

    @Inject
    RefreshTokenRepository refreshTokens;

    @Inject
    Passwords passwords;

    @Inject
    AccessTokens accessTokens;

    @Inject
    SignInAudit signIns;

    @Inject
    IdentityConfig config;

    @Inject
    AccountStatus accountStatus;

    @Inject
    SessionEnds sessionEnds;

    @Inject
    RateLimiter limiter;

    @Inject
    SignInThrottle throttle;

    @Inject
    TokenTransactions transactions;

    /**
     * The password grant. Known and unknown usernames take the same steps (the same quotas, the same
     * throttle, a bcrypt comparison, the same failure bookkeeping) and get the same answers, so neither
     * the status nor the time tells whether a username exists. There is no lockout: wrong passwords
     * slow down the address that sends them, for that username only (see {@link SignInThrottle}).
     */
    public Uni<TokenResponse> passwordGrant(String username, String password, Caller.ClientInfo client) {
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.badRequest("grant_type=password needs username and password."));
        }
        String name = username.trim();
        String throttleKey = SignInThrottle.key(name, client.address());
        return admitted(name, client, throttleKey)
                .chain(account -> {
                    // A locked account (set by an administrator, or left from the old lockout) answers like a wrong password.
                    boolean usable = account != null && !account.lockedAt(Instant.now());
                    return passwords.matches(password, usable ? account.passwordHash : null)
                            .chain(matches -> !matches ? wrongPassword(account, client, throttleKey)
                                    : account.disabledAt != null ? disabled(account, client)
                                    : signedIn(account, client, throttleKey));
                });
    }

    /**
     * Checks a person's username and password for the OAuth consent page, with the same rate limits,
     * throttle and audit as the password grant, and answers who they are; no token is issued. App
     * accounts never sign in with a password. A wrong password fails with invalid-grant.
     */
    public Uni<Caller> authenticate(String username, String password, Caller.ClientInfo client) {
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            return Uni.createFrom().failure(invalidGrant(WRONG_CREDENTIALS));
        }
        String name = username.trim();
        String throttleKey = SignInThrottle.key(name, client.address());
        return admitted(name, client, throttleKey)
                .chain(account -> {
                    boolean usable = account != null && !account.lockedAt(Instant.now()) && account.disabledAt == null;
                    return passwords.matches(password, usable ? account.passwordHash : null)
                            .chain(matches -> !matches
                                    ? wrongPassword(account, client, throttleKey).map(ignored -> (Caller) null)
                                    : throttle.succeeded(throttleKey)
                                    .chain(() -> transactions.failedLoginsCleared(account.id))
                                    .call(() -> signIns.record(attempt(SignInAttempt.Kind.LOGIN, true, account, client)))
                                    .map(ignored -> new Caller(account.id, account.displayName, account.roleSet(),
                                            account.patientId, account.organizationId, java.util.Set.of(), client)));
                });
    }

    /**
     * The first steps of every password sign-in: the address and account rate limits, the throttle's
     * wait, then the account by name. Apps never sign in with a password (they connect through
     * /oauth2/token): to this step an app account is as unknown as a name nobody has, and costs the same time.
     */
    private Uni<Account> admitted(String name, Caller.ClientInfo client, String throttleKey) {
        return limiter.check(client.address(),
                        new RateLimiter.Ask(RateLimiter.Policy.TOKEN_ADDRESS, client.address()),
                        new RateLimiter.Ask(RateLimiter.Policy.TOKEN_ACCOUNT, name.toLowerCase(Locale.ROOT)))
                .chain(Verdict::orRefuse)
                .chain(allowed -> throttle.waitSeconds(throttleKey))
                .chain(wait -> wait > 0 ? Uni.createFrom().<Account>failure(throttled(wait))
                        : transactions.accountByName(name))
                .map(TokenService::notAnApp);
    }

    private static Account notAnApp(Account account) {
        return account != null && account.roleSet().contains(Role.APP) ? null : account;
    }

    private RateLimitedException throttled(long waitSeconds) {
        IdentityConfig.Throttle settings = config.signInThrottle();
        return new RateLimitedException(new Verdict(List.of(new Quota("sign-in-failures", settings.freeFailures(),
                settings.forgetAfter().toSeconds(), false, 0, waitSeconds, waitSeconds))));
    }

    public Uni<TokenResponse> refreshGrant(String rawToken, Caller.ClientInfo client) {
        if (rawToken == null || rawToken.isBlank()) {
            return Uni.createFrom().failure(ProblemException.badRequest("grant_type=refresh_token needs refresh_token."));
        }
        byte[] hash = BearerSecrets.sha256(rawToken);
        Instant now = Instant.now();
        return limiter.check(client.address(), new RateLimiter.Ask(RateLimiter.Policy.TOKEN_ADDRESS, client.address()))
                .chain(Verdict::orRefuse)
                .chain(allowed -> transactions.refreshed(hash, now))
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
        return transactions.familyRevoked(BearerSecrets.sha256(rawToken), now)
                .chain(account -> account == null ? Uni.createFrom().voidItem()
                        : signIns.record(attempt(SignInAttempt.Kind.LOGOUT, true, account, client)));
    }

    /**
     * Signs the account out everywhere: every refresh token it holds stops working at once, and every
     * access token issued until now within seconds ({@link AccountStatus}).
     */
    public Uni<Void> revokeAll(UUID accountId, Caller.ClientInfo client) {
        Instant now = Instant.now();
        return transactions.sessionsRevoked(accountId, now)
                .invoke(() -> accountStatus.forget(accountId))
                .chain(account -> account == null ? Uni.createFrom().voidItem()
                        : signIns.record(attempt(SignInAttempt.Kind.LOGOUT, true, account, client)));
    }

    /** The right password for a disabled account: refused like a wrong one, recorded as a failed sign-in. */
    private Uni<TokenResponse> disabled(Account account, Caller.ClientInfo client) {
        return signIns.record(attempt(SignInAttempt.Kind.LOGIN, false, account, client))
                .chain(() -> Uni.createFrom().failure(invalidGrant(WRONG_CREDENTIALS)));
    }

    private Uni<TokenResponse> signedIn(Account account, Caller.ClientInfo client, String throttleKey) {
        Instant now = Instant.now();
        return throttle.succeeded(throttleKey)
                .chain(() -> transactions.signedIn(account.id, now))
                .call(() -> signIns.record(attempt(SignInAttempt.Kind.LOGIN, true, account, client)))
                .map(refreshToken -> TokenResponse.bearer(accessTokens.sign(account, now), accessTokens.lifetimeSeconds(),
                        refreshToken));
    }

    /** The same bookkeeping whether or not the username exists: one throttle count, one audit record. */
    private Uni<TokenResponse> wrongPassword(Account account, Caller.ClientInfo client, String throttleKey) {
        return throttle.failed(throttleKey)
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
