package org.carechart.common;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * While PostgreSQL is known to be unreachable, API requests are answered 503 with Retry-After at
 * once: no request waits for a connection that cannot come, and the pool is not asked to reconnect
 * once per request (one probe reconnects, with backoff; see {@link DatabaseStatus}).
 */
public class DatabaseOutageFilter {

    @Inject
    DatabaseStatus status;

    @ServerRequestFilter(preMatching = true)
    public Response whileTheDatabaseIsAway(ContainerRequestContext request) {
        if (status.isDown() && request.getUriInfo().getPath().startsWith("/api/")) {
            return ProblemMapper.unavailable(request.getUriInfo().getPath());
        }
        return null;
    }
}
