package org.carechart.chart;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the chart feature; every one has a default that is safe for development. */
@ConfigMapping(prefix = "carechart.chart")
public interface ChartConfig {

    /**
     * The default secret a development setup shares; production sets CARECHART_CHART_CHANGE_TOKEN_SECRET, and
     * common.ProductionSecrets refuses a production start with this one (it contains the development marker).
     */
    String DEV_CHANGE_TOKEN_SECRET = "carechart-dev-change-token-secret-not-for-production";

    /**
     * Signs change-feed tokens. Every instance behind the load balancer must share it, which is why it
     * comes from configuration and is never generated at start.
     */
    @WithDefault(DEV_CHANGE_TOKEN_SECRET)
    String changeTokenSecret();

    /** A change token older than this is refused: the client resyncs from scratch. */
    @WithDefault("P30D")
    Duration changeTokenMaxAge();

    /** The largest document accepted (also bounded by quarkus.http.limits.max-body-size). */
    @WithDefault("10M")
    MemorySize documentMaxSize();

    /** How long the first answer to a write with an Idempotency-Key is kept for retries. */
    @WithDefault("PT24H")
    Duration idempotencyKeyTtl();

    /** How often expired idempotency keys are removed (a scheduler period such as 1h). */
    @WithDefault("1h")
    String housekeepingEvery();

    /** How long after start the first removal runs. */
    @WithDefault("15m")
    String housekeepingDelay();
}
