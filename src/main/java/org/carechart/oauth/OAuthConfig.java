package org.carechart.oauth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The authorization server's settings ({@code carechart.oauth.*}); every value has a safe default. */
@ConfigMapping(prefix = "carechart.oauth")
public interface OAuthConfig {

    /** Where clients reach this service, without a trailing slash: the base of every URL discovery publishes. */
    @WithDefault("http://localhost:8080")
    String publicBaseUrl();

    /** The FHIR base apps name as {@code aud}; defaults to {public-base-url}/fhir/r4. */
    Optional<String> fhirBaseUrl();

    /** How long an authorization code lives (at most 60 s). */
    @WithDefault("PT60S")
    Duration codeTtl();

    /** How long the patient has between the app's redirect and a decision. */
    @WithDefault("PT10M")
    Duration consentTtl();

    /** Access tokens of apps: at most 5 minutes. */
    @WithDefault("PT5M")
    Duration accessTokenTtl();

    /** Refresh tokens of public apps (offline_access), per token; each rotation starts a new lifetime. */
    @WithDefault("P30D")
    Duration publicRefreshTokenTtl();

    /** Refresh tokens of confidential apps: at least three months. */
    @WithDefault("P90D")
    Duration confidentialRefreshTokenTtl();

    /** The longest a Backend Services client assertion may live ({@code exp} minus now). */
    @WithDefault("PT5M")
    Duration maxAssertionLifetime();

    /** How long a fetched JWKS URL is trusted before it is fetched again. */
    @WithDefault("PT5M")
    Duration jwksCacheTtl();

    default String fhirBase() {
        return fhirBaseUrl().orElse(publicBaseUrl() + "/fhir/r4");
    }

    default String tokenUrl() {
        return publicBaseUrl() + "/oauth2/token";
    }
}
