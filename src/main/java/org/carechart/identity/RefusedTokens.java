package org.carechart.identity;

import io.quarkus.security.spi.runtime.AuthenticationFailureEvent;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bearer tokens refused with 401 (forged, expired, malformed, not ours, or of a session that has ended)
 * are security events: each is an audit record (action {@code token-refused}, outcome {@code denied},
 * resource type {@code access-token}, resource id the reason; never the token), committed on its own.
 * The log gets at most one WARN per {@link #LOG_EVERY} summarising how many were refused since the last
 * one, so a flood of bad tokens cannot fill it. The per-address API quota bounds the records per client.
 */
@ApplicationScoped
public class RefusedTokens {

    private static final Logger LOG = Logger.getLogger(RefusedTokens.class);
    static final Duration LOG_EVERY = Duration.ofSeconds(60);

    /** Why a token was refused, as recorded. */
    public enum Reason {
        /** The signature, a claim (exp, iss, aud, nbf) or the form did not verify. */
        INVALID("invalid"),
        /** Verified, but its account is disabled or locked, or its sessions were revoked after it was issued. */
        SESSION_ENDED("session-ended");

        public final String code;

        Reason(String code) {
            this.code = code;
        }
    }

    @Inject
    SignInAudit audit;

    private final AtomicLong lastLogNanos = new AtomicLong(System.nanoTime() - LOG_EVERY.toNanos());
    private final AtomicLong unlogged = new AtomicLong();

    /** Quarkus reports every failed authentication; the ones that came with a bearer token are refused tokens. */
    void authenticationFailed(@Observes AuthenticationFailureEvent event) {
        HttpServerRequest request = event.getEventProperties().values().stream()
                .filter(RoutingContext.class::isInstance).map(v -> ((RoutingContext) v).request()).findFirst().orElse(null);
        String authorization = request == null ? null : request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            refused(Reason.INVALID, ClientInfos.of(request));
        }
    }

    /** Records the refusal (fire and forget: the 401 does not wait for the audit row) and maybe logs the summary. */
    public void refused(Reason reason, Caller.ClientInfo client) {
        unlogged.incrementAndGet();
        long now = System.nanoTime();
        long last = lastLogNanos.get();
        if (now - last >= LOG_EVERY.toNanos() && lastLogNanos.compareAndSet(last, now)) {
            long count = unlogged.getAndSet(0);
            LOG.warnf("Refused %d bearer token(s) since the last such line (latest: %s); each is in the audit trail as token-refused",
                    count, reason.code);
        }
        audit.record(new SignInAttempt(SignInAttempt.Kind.TOKEN_REFUSED, false, null, reason.code, null, null, client))
                .subscribe().with(ignored -> { }, failure -> LOG.debugf("A refused token was not recorded: %s",
                        failure.getClass().getSimpleName()));
    }
}
