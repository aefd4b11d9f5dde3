package org.carechart.sharing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "carechart.sharing")
public interface SharingConfig {

    /** The longest a share link may live; a request for a later expiry is a 400. */
    @WithDefault("P30D")
    Duration maxLinkLifetime();

    /** Wrong passcodes a link tolerates; the one that reaches this number locks it for good. */
    @WithDefault("5")
    int maxPasscodeAttempts();

    /** Whether the accounting of disclosures lists the own care team's treatment accesses too. */
    @WithDefault("false")
    boolean disclosuresIncludeTreatment();
}
