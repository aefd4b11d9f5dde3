package org.carechart.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Turns every failure into a problem document. Exception messages are never copied into an
 * answer: they may name internals or carry health data. Unexpected failures are logged by class
 * and a correlation id only.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @Inject
    AllowedMethods allowedMethods;

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return respond(ProblemType.VALIDATION.problem("The request has invalid fields.", path(uri), errors));
    }

    /**
     * A body of the wrong shape. Quarkus's own mapper for this answers 400 with no body; a value of
     * the wrong type for a named field is a validation error on that field, anything else malformed JSON.
     */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        String field = e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                .orElse(null);
        String message = e instanceof JsonInput.Refused ? e.getOriginalMessage() : "has the wrong type or format";
        if (field != null && e.getPath().get(0).getFieldName() != null) {
            return respond(ProblemType.VALIDATION.problem("The request has invalid fields.", path(uri),
                    List.of(new Problem.FieldError(field, message))));
        }
        if (e instanceof JsonInput.Refused) {
            return respond(ProblemType.VALIDATION.problem("The request has invalid fields.", path(uri),
                    List.of(new Problem.FieldError("body", message))));
        }
        return malformedJson(e, uri);
    }

    /** Jackson's words for a key given twice (STRICT_DUPLICATE_DETECTION); the key is echoed only when plain. */
    private static final java.util.regex.Pattern DUPLICATE = java.util.regex.Pattern.compile("^Duplicate field '([A-Za-z0-9_.-]{1,64})'");

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        java.util.regex.Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
        if (duplicate.find()) {
            return respond(ProblemType.VALIDATION.problem("The request has invalid fields.", path(uri),
                    List.of(new Problem.FieldError(duplicate.group(1), "is given more than once"))));
        }
        return respond(ProblemType.MALFORMED_JSON.problem("The body is not valid JSON for this resource.", path(uri), List.of()));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        Response.ResponseBuilder builder = Response.status(401)
                .header("WWW-Authenticate", "Bearer realm=\"carechart\"")
                .type(Problem.MEDIA_TYPE)
                .entity(ProblemType.UNAUTHORIZED.problem("A valid bearer token is required.", path(uri), List.of()));
        return builder.build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(ProblemType.FORBIDDEN.problem("Your role does not allow this.", path(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException) {
            return malformedJson((JsonProcessingException) e.getCause(), uri);
        }
        if (e.getResponse().getEntity() instanceof Problem problem) {
            // Thrown with its own problem (e.g. NumberParams naming the parameter): keep it, add where.
            return respond(new Problem(problem.type(), problem.title(), problem.status(), problem.detail(),
                    problem.instance() != null ? problem.instance() : path(uri), problem.errors()));
        }
        ProblemType type = ProblemType.forStatus(status);
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(type.problem(standardDetail(status), path(uri), List.of()));
        String allow = e.getResponse().getHeaderString("Allow");
        if (allow == null && status == 405 && allowedMethods != null) {
            // RESTEasy Reactive refuses a wrong method without saying which are right (RFC 9110 asks for Allow).
            Set<String> methods = allowedMethods.forPath(path(uri));
            allow = methods.isEmpty() ? null : String.join(", ", methods);
        }
        if (allow != null) {
            builder.header("Allow", allow);
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        String correlation = java.util.UUID.randomUUID().toString();
        LOG.errorf("Unexpected %s [correlation %s]", e.getClass().getName(), correlation);
        LOG.debug("Unexpected failure", e);
        return respond(ProblemType.INTERNAL.problem("Something went wrong on our side. Reference: " + correlation,
                path(uri), List.of()));
    }

    public static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String standardDetail(int status) {
        return switch (status) {
            case 404 -> "No such resource, or it is not yours to see.";
            case 405 -> "This resource does not support that method.";
            case 406 -> "This resource cannot answer in the requested media type.";
            case 413 -> "The request body is larger than allowed.";
            case 415 -> "This resource does not accept that media type.";
            case 400 -> "The request could not be understood.";
            default -> "The request could not be completed.";
        };
    }

    private static String fieldName(ConstraintViolation<?> violation) {
        // "create.arg1.display" -> "display": callers know their body fields, not our method names.
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.");
        return parts.length > 2 ? String.join(".", List.of(parts).subList(2, parts.length)) : parts[parts.length - 1];
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }
}
