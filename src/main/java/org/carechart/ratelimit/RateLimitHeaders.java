package org.carechart.ratelimit;

import jakarta.ws.rs.core.Response;

/** Retry-After (RFC 9110) and the draft RateLimit / RateLimit-Policy fields, from one verdict. */
public final class RateLimitHeaders {

    private RateLimitHeaders() {
    }

    public static Response.ResponseBuilder add(Response.ResponseBuilder response, Verdict verdict) {
        Quota quota = verdict.tightest();
        if (quota == null) {
            return response;
        }
        response.header("RateLimit-Policy", quota.policyHeader()).header("RateLimit", quota.stateHeader());
        if (!quota.allowed()) {
            response.header("Retry-After", Math.max(1, quota.retryAfterSeconds()));
        }
        return response;
    }
}
