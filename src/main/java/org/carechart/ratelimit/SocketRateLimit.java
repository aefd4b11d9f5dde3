package org.carechart.ratelimit;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * WebSocket upgrades count against the API's per-address quota like any API request (the upgrade is
 * an HTTP GET; RESTEasy's filters never see it). Over the quota the upgrade is refused with 429 and
 * Retry-After plus the RateLimit fields, before the token or ticket is looked at, so a flood of
 * upgrades with bad credentials is limited too.
 */
@ApplicationScoped
@Priority(Integer.MAX_VALUE)
public class SocketRateLimit implements HttpUpgradeCheck {

    @Inject
    RateLimiter limiter;

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        var remote = context.httpRequest().remoteAddress();
        String address = remote == null ? null : remote.hostAddress();
        if (limiter.exempt(address)) {
            return CheckResult.permitUpgrade();
        }
        return limiter.check(address, new RateLimiter.Ask(RateLimiter.Policy.API_ADDRESS, address))
                .map(verdict -> verdict.allowed() ? CheckResult.permitUpgradeSync()
                        : CheckResult.rejectUpgradeSync(429, RateLimitHeaders.of(verdict)));
    }
}
