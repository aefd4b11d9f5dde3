package org.carechart.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.Authenticated;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.carechart.common.ProblemException;
import org.carechart.fhir.api.OperationOutcome;
import org.carechart.identity.Caller;
import org.carechart.identity.CurrentCaller;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.function.Supplier;

/**
 * FHIR R4 quality measures at /fhir/r4/Measure: the catalog, one measure, and
 * {@code $evaluate-measure} (a summary MeasureReport, small-cell suppressed; {@code reportType=subject-list}
 * for records staff). Failures are OperationOutcomes, like every FHIR answer. docs/quality.md.
 */
@Path("/fhir/r4/Measure")
public class QualityResource {

    private static final String FHIR_JSON_UTF8 = "application/fhir+json;charset=utf-8";
    private static final String EVALUATE = "$evaluate-measure";
    private static final Logger LOG = Logger.getLogger(QualityResource.class);

    @Inject
    CurrentCaller currentCaller;

    @Inject
    MeasureService measures;

    @Inject
    ObjectMapper json;

    @Authenticated
    @GET
    public Response catalog(UriInfo uri) {
        caller();
        return ok(measures.bundle(measures.measures(base(uri)), base(uri)));
    }

    @Authenticated
    @GET
    @Path("{id}")
    public Response read(@PathParam("id") String id, UriInfo uri) {
        caller();
        return ok(measures.measure(id, base(uri)));
    }

    @Authenticated
    @GET
    @Path("{id}/{operation}")
    public Uni<Response> evaluate(@PathParam("id") String id, @PathParam("operation") String operation,
                                  @QueryParam("periodStart") String periodStart,
                                  @QueryParam("periodEnd") String periodEnd, @QueryParam("organization") String organization,
                                  @QueryParam("reportType") String reportType, UriInfo uri) {
        // one operation ($evaluate-measure); a path template with a literal '$' does not match encoded paths
        if (!EVALUATE.equals(operation)) {
            return Uni.createFrom().failure(ProblemException.notFound());
        }
        return call(() -> measures.evaluate(caller(), measures.parse(id, periodStart, periodEnd, organization, reportType),
                base(uri)).map(this::ok));
    }

    // ---------------------------------------------------------------- failures, as OperationOutcome

    @ServerExceptionMapper
    public Uni<Response> problem(ProblemException e) {
        int status = e.type().status();
        String code = switch (status) {
            case 400, 422 -> "invalid";
            case 401 -> "login";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            default -> "processing";
        };
        var problem = e.toProblem(null);
        Response answer = outcome(status, OperationOutcome.error(code, problem.detail(),
                problem.errors() == null ? List.of() : problem.errors().stream().map(f -> f.field()).toList()));
        return e.afterRollback() == null ? Uni.createFrom().item(answer) : e.afterRollback().get().replaceWith(answer);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e) {
        return Response.fromResponse(outcome(401, OperationOutcome.error("login", "A valid bearer token is required.", List.of())))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"carechart\"").build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        String correlation = java.util.UUID.randomUUID().toString();
        LOG.errorf("Unexpected %s in a quality request [correlation %s]", e.getClass().getName(), correlation);
        LOG.debug("Unexpected failure", e);
        return outcome(500, OperationOutcome.error("exception", "Something went wrong on our side. Reference: " + correlation,
                List.of()));
    }

    // ---------------------------------------------------------------- helpers

    private Caller caller() {
        Caller caller = currentCaller.get();
        if (caller.isAnonymous()) {
            throw new UnauthorizedException();
        }
        return caller;
    }

    private static Uni<Response> call(Supplier<Uni<? extends Response>> work) {
        return Uni.createFrom().deferred(work);
    }

    private static String base(UriInfo uri) {
        String base = uri.getBaseUri().toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/fhir/r4";
    }

    private Response ok(Object body) {
        try {
            return Response.ok(json.writeValueAsBytes(body), FHIR_JSON_UTF8).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a " + body.getClass().getSimpleName());
        }
    }

    private Response outcome(int status, OperationOutcome outcome) {
        return Response.status(status).type(FHIR_JSON_UTF8).entity(ok(outcome).getEntity()).build();
    }
}
