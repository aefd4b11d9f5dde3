package org.carechart.identity;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.carechart.common.Problem;
import org.carechart.common.ProblemType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.carechart.common.OwnConnection;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether an account may still act, asked on every request that carries a verified access token, as a
 * step of its own after the signature check (a cache of verified signatures, if any, does not skip it):
 * a disabled or locked account, or a token issued before the account's sessions were revoked (sign out
 * everywhere, a disable, a role change), is refused with 401. One small query per account per
 * {@code carechart.identity.account-status-ttl} (default 2 s) on its own connection; a change made on this
 * instance forgets the cached answer at once, other instances see it within the TTL. So an access token
 * stops working within seconds, not at its expiry. A token for an account this service does not hold
 * (an external identity provider's) passes: there is nothing here to refuse it on.
 */
@ApplicationScoped
@OwnConnection("asked at authentication, before any unit of work opens")
public class AccountStatus {

    /** Set by {@link AccessTokens}: when the token was issued, in milliseconds ({@code iat} has only seconds). */
    static final String ISSUED_AT_MS_CLAIM = "iat_ms";

    private static final String STATUS = """
            select disabled_at, locked_until, sessions_revoked_at from account where id = $1
            """;

    record State(Instant disabledAt, Instant lockedUntil, Instant sessionsRevokedAt) {
        static final State UNKNOWN = new State(null, null, null);

        boolean admits(Instant issuedAt, Instant now) {
            return disabledAt == null
                    && (lockedUntil == null || !lockedUntil.isAfter(now))
                    && (sessionsRevokedAt == null || (issuedAt != null && !issuedAt.isBefore(sessionsRevokedAt)));
        }
    }

    private record Cached(State state, long loadedAtNanos) {
    }

    @Inject
    Pool pool;

    @Inject
    IdentityConfig config;

    @Inject
    CurrentIdentityAssociation identity;

    @Inject
    RefusedTokens refusedTokens;

    Clock clock = Clock.systemUTC();

    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();

    /** May a token of this account, issued at {@code issuedAt}, act now? */
    public Uni<Boolean> admits(UUID accountId, Instant issuedAt) {
        return state(accountId).map(state -> state.admits(issuedAt, clock.instant()));
    }

    /** Forget what is cached for the account: called by whatever changes its status on this instance. */
    public void forget(UUID accountId) {
        cache.remove(accountId);
    }

    /** The per-request step: a request whose token's account may no longer act is answered 401 here. */
    @ServerRequestFilter
    public Uni<Response> check(jakarta.ws.rs.core.UriInfo uriInfo, io.vertx.core.http.HttpServerRequest request) {
        return identity.getDeferredIdentity()
                .onFailure().recoverWithNull()
                .chain(current -> {
                    if (current == null || current.isAnonymous() || !(current.getPrincipal() instanceof JsonWebToken jwt)) {
                        return Uni.createFrom().nullItem();
                    }
                    UUID accountId = uuid(jwt.getSubject());
                    if (accountId == null) {
                        return Uni.createFrom().nullItem();
                    }
                    return admits(accountId, issuedAt(jwt)).map(ok -> {
                        if (ok) {
                            return null;
                        }
                        refusedTokens.refused(RefusedTokens.Reason.SESSION_ENDED, ClientInfos.of(request));
                        return refused(uriInfo.getPath());
                    });
                });
    }

    private Uni<State> state(UUID accountId) {
        Cached cached = cache.get(accountId);
        long now = System.nanoTime();
        if (cached != null && now - cached.loadedAtNanos() < config.accountStatusTtl().toNanos()) {
            return Uni.createFrom().item(cached.state());
        }
        return pool.preparedQuery(STATUS).execute(Tuple.of(accountId)).map(AccountStatus::toState)
                .invoke(state -> cache.put(accountId, new Cached(state, now)));
    }

    private static State toState(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return State.UNKNOWN;
        }
        Row row = rows.iterator().next();
        return new State(instant(row.getOffsetDateTime(0)), instant(row.getOffsetDateTime(1)), instant(row.getOffsetDateTime(2)));
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    /** When the token was issued: {@code iat_ms} when present, else {@code iat} (seconds). */
    public static Instant issuedAt(JsonWebToken jwt) {
        Object millis = jwt.getClaim(ISSUED_AT_MS_CLAIM);
        if (millis instanceof jakarta.json.JsonNumber number) {
            return Instant.ofEpochMilli(number.longValue());
        }
        if (millis instanceof Number number) {
            return Instant.ofEpochMilli(number.longValue());
        }
        long seconds = jwt.getIssuedAtTime();
        // Seconds only: count the token as issued at the end of its second only if nothing says otherwise;
        // the start of it is the safe reading (a token from the second of a revocation is refused).
        return seconds <= 0 ? null : Instant.ofEpochSecond(seconds);
    }

    private static UUID uuid(String subject) {
        try {
            return subject == null ? null : UUID.fromString(subject);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Response refused(String path) {
        return Response.status(401)
                .header("WWW-Authenticate", "Bearer realm=\"carechart\", error=\"invalid_token\"")
                .type(Problem.MEDIA_TYPE)
                .entity(ProblemType.UNAUTHORIZED.problem("This session has ended; sign in again.", path, List.of()))
                .build();
    }
}
