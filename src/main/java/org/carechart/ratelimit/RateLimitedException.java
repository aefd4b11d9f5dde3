package org.carechart.ratelimit;

import jakarta.ws.rs.core.Response;
import org.carechart.common.ProblemException;
import org.carechart.common.ProblemMapper;
import org.carechart.common.ProblemType;

/** 429 too-many-requests, answered with Retry-After and the RateLimit fields of the refusing policy. */
public class RateLimitedException extends ProblemException {

    private final transient Verdict verdict;

    public RateLimitedException(Verdict verdict) {
        super(ProblemType.TOO_MANY_REQUESTS, "Too many requests: wait " + verdict.tightest().retryAfterSeconds()
                + " s (Retry-After) and try again.");
        this.verdict = verdict;
    }

    public Verdict verdict() {
        return verdict;
    }

    public Response toResponse(String instance) {
        return RateLimitHeaders.add(Response.fromResponse(ProblemMapper.respond(toProblem(instance))), verdict).build();
    }
}
