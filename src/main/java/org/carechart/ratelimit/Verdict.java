package org.carechart.ratelimit;

import io.smallrye.mutiny.Uni;

import java.util.Comparator;
import java.util.List;

/** The answer for a request under one or more policies: allowed only if every one allows it. */
public record Verdict(List<Quota> quotas) {

    public static final Verdict UNLIMITED = new Verdict(List.of());

    public boolean allowed() {
        return quotas.stream().allMatch(Quota::allowed);
    }

    /** The quota to advertise: a refusing one (the longest wait), else the one with the least left. */
    public Quota tightest() {
        return quotas.stream()
                .min(Comparator.comparing((Quota q) -> q.allowed())
                        .thenComparing(Comparator.comparingLong(Quota::retryAfterSeconds).reversed())
                        .thenComparingInt(Quota::remaining))
                .orElse(null);
    }

    /** Fails with a 429 when refused; otherwise goes on. */
    public Uni<Verdict> orRefuse() {
        return allowed() ? Uni.createFrom().item(this) : Uni.createFrom().failure(new RateLimitedException(this));
    }
}
