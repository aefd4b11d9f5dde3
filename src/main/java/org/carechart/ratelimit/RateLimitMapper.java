package org.carechart.ratelimit;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every 429, wherever it is thrown, carries Retry-After and the RateLimit fields. */
public class RateLimitMapper {

    @ServerExceptionMapper
    public Response rateLimited(RateLimitedException e, UriInfo uri) {
        return e.toResponse(uri == null ? null : uri.getPath());
    }
}
