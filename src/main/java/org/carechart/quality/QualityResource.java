package org.carechart.quality;

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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.carechart.common.ProblemException;
import org.carechart.fhir.FhirAnswers;
import org.carechart.fhir.api.OperationOutcome;
import org.carechart.identity.Caller;
import org.carechart.identity.CurrentCaller;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.function.Supplier;

/**
 * FHIR R4 quality measures at /fhir/r4/Measure: the catalog, one measure, and
 * {@code $evaluate-measure} (a summary MeasureReport, small-cell suppressed; {@code reportType=subject-list}
 * for records staff). Failures are OperationOutcomes, like every FHIR answer. docs/quality.md.
 */
@Path("/fhir/r4/Measure")
public class QualityResource {

    private static final String EVALUATE = "$evaluate-measure";

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
        return FhirAnswers.problem(json, e);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e) {
        return FhirAnswers.unauthorized(json);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        return FhirAnswers.unexpected(json, e, "a quality request");
    }

    // ---------------------------------------------------------------- helpers

    private Caller caller() {
        return currentCaller.authenticated();
    }

    private static Uni<Response> call(Supplier<Uni<? extends Response>> work) {
        return Uni.createFrom().deferred(work);
    }

    private static String base(UriInfo uri) {
        return FhirAnswers.base(uri);
    }

    private Response ok(Object body) {
        return FhirAnswers.ok(json, body);
    }

    private Response outcome(int status, OperationOutcome outcome) {
        return FhirAnswers.outcome(json, status, outcome);
    }
}
