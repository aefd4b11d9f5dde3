package org.carechart.ratelimit;

import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Retry-After (RFC 9110) and the draft RateLimit / RateLimit-Policy fields, from one verdict. */
public final class RateLimitHeaders {

    private RateLimitHeaders() {
    }

    public static Response.ResponseBuilder add(Response.ResponseBuilder response, Verdict verdict) {
        of(verdict).forEach((name, values) -> response.header(name, values.get(0)));
        return response;
    }

    /** The fields by name (one value each); none when the verdict names no quota. */
    public static Map<String, List<String>> of(Verdict verdict) {
        Quota quota = verdict.tightest();
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (quota == null) {
            return fields;
        }
        fields.put("RateLimit-Policy", List.of(quota.policyHeader()));
        fields.put("RateLimit", List.of(quota.stateHeader()));
        if (!quota.allowed()) {
            fields.put("Retry-After", List.of(String.valueOf(Math.max(1, quota.retryAfterSeconds()))));
        }
        return fields;
    }
}
