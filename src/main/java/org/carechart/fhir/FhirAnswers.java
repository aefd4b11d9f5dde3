package org.carechart.fhir;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.carechart.common.ProblemException;
import org.carechart.fhir.api.OperationOutcome;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;

/**
 * How every endpoint under {@code /fhir/r4} answers, in one place: the FHIR API ({@link FhirResource}),
 * bulk export and quality measures alike. Bodies are {@code application/fhir+json}; every failure is an
 * OperationOutcome whose text is written for callers (never an exception's message).
 */
public final class FhirAnswers {

    public static final String FHIR_JSON_UTF8 = FhirResource.FHIR_JSON + ";charset=utf-8";

    private static final Logger LOG = Logger.getLogger(FhirAnswers.class);

    private FhirAnswers() {
    }

    public static Response ok(ObjectMapper json, Object body) {
        return Response.ok(bytes(json, body), FHIR_JSON_UTF8).build();
    }

    public static Response outcome(ObjectMapper json, int status, OperationOutcome outcome) {
        return Response.status(status).type(FHIR_JSON_UTF8).entity(bytes(json, outcome)).build();
    }

    /**
     * A refusal of the services below (a {@link ProblemException}) as an OperationOutcome: the FHIR issue
     * code for its status, its detail, its fields as expressions. A denial's audit record (carried for after
     * the rollback) is written first, so a FHIR denial is recorded as a native one.
     */
    public static Uni<Response> problem(ObjectMapper json, ProblemException e) {
        int status = e.type().status();
        String code = switch (status) {
            case 400, 422 -> "invalid";
            case 401 -> "login";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 406, 415 -> "not-supported";
            case 409, 412 -> "conflict";
            case 429 -> "throttled";
            default -> "processing";
        };
        var problem = e.toProblem(null);
        Response answer = outcome(json, status, OperationOutcome.error(code, problem.detail(),
                problem.errors() == null ? List.of() : problem.errors().stream().map(f -> f.field()).toList()));
        return e.afterRollback() == null ? Uni.createFrom().item(answer) : e.afterRollback().get().replaceWith(answer);
    }

    /** No or a bad bearer token: 401 {@code login} with the Bearer challenge. */
    public static Response unauthorized(ObjectMapper json) {
        return Response.fromResponse(outcome(json, 401, OperationOutcome.error("login", "A valid bearer token is required.", List.of())))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"carechart\"").build();
    }

    /** Anything unforeseen: one log line with the exception's class and a correlation id, which the caller gets too. */
    public static Response unexpected(ObjectMapper json, RuntimeException e, String where) {
        String correlation = UUID.randomUUID().toString();
        LOG.errorf("Unexpected %s in %s [correlation %s]", e.getClass().getName(), where, correlation);
        LOG.debug("Unexpected failure", e);
        return outcome(json, 500, OperationOutcome.error("exception", "Something went wrong on our side. Reference: " + correlation,
                List.of()));
    }

    /** The FHIR base URL of this request ({@code .../fhir/r4}), for absolute links. */
    public static String base(UriInfo uri) {
        String base = uri.getBaseUri().toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/fhir/r4";
    }

    public static byte[] bytes(ObjectMapper json, Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body.getClass().getSimpleName());
        }
    }
}
