package org.carechart.ratelimit;

/**
 * One policy's answer for one key, in the terms of the IETF RateLimit header fields draft
 * (draft-ietf-httpapi-ratelimit-headers-09): quota {@code limit} per {@code windowSeconds},
 * {@code remaining} left, full again after {@code resetSeconds}. {@code retryAfterSeconds} is
 * when the next request would be allowed (0 when this one was).
 */
public record Quota(String policy, int limit, long windowSeconds, boolean allowed, int remaining, long resetSeconds,
                    long retryAfterSeconds) {

    /** {@code RateLimit-Policy: "token-address";q=60;w=60} */
    public String policyHeader() {
        return "\"" + policy + "\";q=" + limit + ";w=" + windowSeconds;
    }

    /** {@code RateLimit: "token-address";r=0;t=12} */
    public String stateHeader() {
        return "\"" + policy + "\";r=" + remaining + ";t=" + resetSeconds;
    }
}
