package org.carechart.quality;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the quality feature; every one has a default that is safe for development. */
@ConfigMapping(prefix = "carechart.quality")
public interface QualityConfig {

    /** The development default of {@link #pseudonymSecret()} (contains the development marker). */
    String DEV_PSEUDONYM_SECRET = "carechart-dev-quality-pseudonym-secret-not-for-production";

    /**
     * Small-cell suppression: a count from 1 to this number is never shown (nor anything it could be
     * back-computed from). 0 and counts above it are shown. HHS guidance and CMS cell-size policy use 10.
     */
    @WithDefault("10")
    int smallCell();

    /**
     * The key Safe Harbor pseudonyms are derived from: each recipient's key is HMAC(this, recipient), and a
     * pseudonym is HMAC(recipient key, original id), so ids are stable per registry and unlinkable across
     * registries. Every instance must share it; production sets CARECHART_QUALITY_PSEUDONYM_SECRET.
     */
    @WithDefault(DEV_PSEUDONYM_SECRET)
    String pseudonymSecret();
}
