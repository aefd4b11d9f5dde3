package org.carechart.common;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Locale;

/**
 * A client that lists {@code application/problem+json} in Accept (so it can read our errors) gets JSON
 * answers too: generated clients send exactly that for operations whose errors are problem documents,
 * and refusing them with 406 made sign-in fail. problem+json is JSON, so accepting it implies JSON.
 */
public class ProblemAccept {

    @ServerRequestFilter(preMatching = true)
    public void acceptJsonWithProblems(ContainerRequestContext request) {
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        if (accept == null) {
            return;
        }
        boolean problems = false;
        for (String range : accept.split(",")) {
            String type = range.split(";")[0].trim().toLowerCase(Locale.ROOT);
            if (type.equals("application/json")) {
                return;
            }
            problems |= type.equals(Problem.MEDIA_TYPE);
        }
        if (problems) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, accept + ", application/json;q=0.9");
        }
    }
}
