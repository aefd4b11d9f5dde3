package org.carechart.common;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.core.multipart.FormData;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * What every request must be before any resource sees it (JSON bodies have their own rules in
 * {@link JsonInput}):
 * <ul>
 *   <li>no NUL character in the path, a query parameter or a form field: PostgreSQL cannot store it in
 *       text and would fail the request; refused with 400 naming the parameter;</li>
 *   <li>a request with a body names its media type: a body without {@code Content-Type} is 415, so no
 *       resource guesses what it is.</li>
 * </ul>
 */
public class InputGuard {

    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    @ServerRequestFilter(preMatching = true)
    public Response beforeMatching(ContainerRequestContext request, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        String rawPath = http.path();
        if (rawPath != null && (rawPath.contains("%00") || rawPath.indexOf('\0') >= 0)) {
            return invalid("path", path);
        }
        String query = http.query();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                // What does not decode is left to the resource (it answers 400 for a bad value).
                if ((name != null && name.indexOf('\0') >= 0) || (value != null && value.indexOf('\0') >= 0)) {
                    return invalid(plain(name), path);
                }
            }
        }
        if (WITH_BODY.contains(request.getMethod()) && request.getHeaderString("Content-Type") == null && hasBody(request)) {
            return ProblemMapper.respond(ProblemType.forStatus(415).problem(
                    "A request with a body must say what it is: send Content-Type (application/json for JSON).", path, List.of()));
        }
        return null;
    }

    /** After the form was read (only requests with a form body have one). */
    @ServerRequestFilter(readBody = true)
    public Response formFields(ResteasyReactiveContainerRequestContext request) {
        if (!(request.getServerRequestContext() instanceof ResteasyReactiveRequestContext context)) {
            return null;
        }
        FormData form = context.getFormData();
        if (form == null) {
            return null;
        }
        for (String name : form) {
            if (name.indexOf('\0') >= 0) {
                return invalid("form", request.getUriInfo().getPath());
            }
            for (FormValue value : form.get(name)) {
                if (!value.isFileItem() && value.getValue() != null && value.getValue().indexOf('\0') >= 0) {
                    return invalid(plain(name), request.getUriInfo().getPath());
                }
            }
        }
        return null;
    }

    private static boolean hasBody(ContainerRequestContext request) {
        String length = request.getHeaderString("Content-Length");
        if (length != null) {
            return !length.trim().equals("0");
        }
        return request.getHeaderString("Transfer-Encoding") != null;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A parameter's name, echoed only when it is plain. */
    private static String plain(String name) {
        return name != null && name.matches("[A-Za-z0-9_.-]{1,64}") ? name : "query";
    }

    private static Response invalid(String field, String path) {
        return ProblemMapper.respond(ProblemType.VALIDATION.problem("The request has invalid fields.", path,
                List.of(new Problem.FieldError(field, "must not contain NUL characters"))));
    }
}
