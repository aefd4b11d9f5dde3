package org.carechart.access;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "carechart.access")
public interface AccessConfig {

    /** How long a break-the-glass session opens a chart for. */
    @WithDefault("PT1H")
    Duration breakGlassDuration();
}
