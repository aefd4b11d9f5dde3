package org.carechart.embedded;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Instant;

@ConfigMapping(prefix = "carechart.demo")
public interface DemoConfig {

    /** Seed the demo data set at start, once (the embedded default turns this on). */
    @WithDefault("false")
    boolean seed();

    /** How many patients to generate (README: {@code --patients 50000} for benchmarks). */
    @WithDefault("40")
    int patients();

    /** The random seed: the same seed and anchor give the same data set. */
    @WithDefault("20261124")
    long randomSeed();

    /** Clinical times are drawn from the three years before this instant. */
    @WithDefault("2026-11-01T00:00:00Z")
    Instant anchor();
}
