package org.carechart.export;

import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.net.URI;

/**
 * Clients may send the operation's {@code $} percent-encoded ({@code Patient/%24export}, as many HTTP
 * libraries do); routes match the raw path, so the FHIR operation paths are decoded before matching.
 */
public class DollarPaths {

    @ServerRequestFilter(preMatching = true)
    public void decodeOperationDollar(ContainerRequestContext request) {
        URI uri = request.getUriInfo().getRequestUri();
        String raw = uri.getRawPath();
        if (raw != null && raw.startsWith("/fhir/r4/") && (raw.contains("%24export") || raw.contains("%24EXPORT"))) {
            String path = raw.replace("%24export", "$export").replace("%24EXPORT", "$export");
            String query = uri.getRawQuery();
            request.setRequestUri(URI.create(path + (query == null ? "" : "?" + query)));
        }
    }
}
