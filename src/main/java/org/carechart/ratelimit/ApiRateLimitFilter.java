package org.carechart.ratelimit;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.List;

/**
 * The quota of the API as a whole: every request counts against its client address, and a
 * signed-in request also against its account (from a verified token only: an unverified
 * {@code sub} would let anyone spend a victim's quota). Answers carry the RateLimit fields.
 */
public class ApiRateLimitFilter {

    private static final String VERDICT = ApiRateLimitFilter.class.getName() + ".verdict";

    @Inject
    RateLimiter limiter;

    @Inject
    CurrentIdentityAssociation identity;

    @ServerRequestFilter
    public Uni<Response> limit(ContainerRequestContext request, HttpServerRequest http) {
        String address = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        if (limiter.exempt(address)) {
            return Uni.createFrom().nullItem();
        }
        Uni<SecurityIdentity> caller = request.getHeaderString("Authorization") == null
                ? Uni.createFrom().nullItem()
                : identity.getDeferredIdentity().onFailure().recoverWithNull();
        return caller.chain(who -> {
            String account = who != null && who.getPrincipal() instanceof JsonWebToken jwt ? jwt.getSubject() : null;
            return account == null
                    ? limiter.check(address, new RateLimiter.Ask(RateLimiter.Policy.API_ADDRESS, address))
                    : limiter.check(address, new RateLimiter.Ask(RateLimiter.Policy.API_ADDRESS, address),
                    new RateLimiter.Ask(RateLimiter.Policy.API_ACCOUNT, account));
        }).map(verdict -> {
            if (verdict.allowed()) {
                request.setProperty(VERDICT, verdict);
                return null;
            }
            return new RateLimitedException(verdict).toResponse(request.getUriInfo().getPath());
        });
    }

    @ServerResponseFilter
    public void advertise(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(VERDICT) instanceof Verdict verdict && !response.getHeaders().containsKey("RateLimit")) {
            Quota quota = verdict.tightest();
            if (quota != null) {
                response.getHeaders().put("RateLimit-Policy", List.of(quota.policyHeader()));
                response.getHeaders().put("RateLimit", List.of(quota.stateHeader()));
            }
        }
    }
}
