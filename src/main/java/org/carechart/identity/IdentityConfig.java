package org.carechart.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The embedded issuer's settings. Every value has a safe default; production overrides them from the environment. */
@ConfigMapping(prefix = "carechart.identity")
public interface IdentityConfig {

    /** {@code iss} of every token the embedded issuer signs, and the only issuer the verifier accepts. */
    String issuer();

    /** {@code aud} of issued tokens, and the audience the verifier requires. */
    String audience();

    /** Access tokens live minutes, not hours: a stolen one is worth little. */
    @WithDefault("PT5M")
    Duration accessTokenTtl();

    /** How long a refresh token may wait before it is used; each use issues a new one with a fresh lifetime. */
    @WithDefault("P14D")
    Duration refreshTokenTtl();

    /** Throttling of wrong passwords per (username, client address); there is no account lockout. */
    Throttle signInThrottle();

    interface Throttle {
        /** Wrong passwords from one address for one username that cost nothing more than the wrong answer. */
        @WithDefault("5")
        int freeFailures();

        /** The wait after the first failure beyond the free ones; it doubles with every further failure. */
        @WithDefault("PT1S")
        Duration firstDelay();

        /** The longest wait, however many failures. */
        @WithDefault("PT15M")
        Duration maxDelay();

        /** Failures older than this are forgotten. */
        @WithDefault("PT1H")
        Duration forgetAfter();
    }

    /**
     * How long an account's status (disabled, locked, sessions revoked) may be answered from memory:
     * the longest an access token keeps working on another instance after its account was cut off.
     */
    @WithDefault("PT2S")
    Duration accountStatusTtl();

    /**
     * A token that names a key ({@code kid}) must name the embedded issuer's key. Turn off when the
     * verifier reads an external provider's JWKS: smallrye-jwt then matches kids against that set itself.
     */
    @WithDefault("true")
    boolean requireKnownKeyId();
}
