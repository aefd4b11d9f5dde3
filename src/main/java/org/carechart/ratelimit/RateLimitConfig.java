package org.carechart.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Request quotas ({@code carechart.rate-limit.*}). Each policy allows {@code limit} requests per
 * {@code window}, spread evenly (GCRA): a full window's quota may come in a burst, after that one
 * request per window/limit. The state lives in PostgreSQL, so every instance counts the same.
 */
@ConfigMapping(prefix = "carechart.rate-limit")
public interface RateLimitConfig {

    /** Off: nothing is counted (for a load test against the service itself). */
    @WithDefault("true")
    boolean enabled();

    /**
     * Client addresses never limited: exact addresses or CIDR blocks (a health checker, the tests'
     * own loopback client). Empty by default. Behind a reverse proxy set
     * {@code quarkus.http.proxy.proxy-address-forwarding} and {@code trusted-proxies}, so the
     * address is the client's, not the proxy's.
     */
    Optional<List<String>> exemptAddresses();

    /** Every grant at the token endpoint, per client address. */
    Policy tokenPerAddress();

    /** Password grants per username (known or not), from any address. */
    Policy tokenPerAccount();

    /** Share-link openings per client address. */
    Policy sharePerAddress();

    /** Openings of one share link, from any address. */
    Policy sharePerLink();

    /** Every API request per client address. */
    Policy apiPerAddress();

    /** Every API request per signed-in account, from any address. */
    Policy apiPerAccount();

    interface Policy {
        /** Requests allowed per window (at least 1). */
        int limit();

        Duration window();
    }
}
