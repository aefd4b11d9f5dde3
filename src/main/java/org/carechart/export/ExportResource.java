package org.carechart.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.Authenticated;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.carechart.common.ProblemException;
import org.carechart.export.api.FhirGroup;
import org.carechart.fhir.FhirAnswers;
import org.carechart.fhir.api.OperationOutcome;
import org.carechart.identity.Caller;
import org.carechart.identity.CurrentCaller;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * FHIR Bulk Data Access 2.0 at /fhir/r4: kick-off ({@code Patient/$export}, {@code Group/{id}/$export},
 * {@code $export}), the status URL a kick-off answers in {@code Content-Location}, the NDJSON files,
 * and the Groups a caller may export. These literal paths win over FhirResource's {@code {type}/{id}}
 * templates (JAX-RS prefers the template with more literal characters). Every failure is an
 * OperationOutcome.
 */
@Path("/fhir/r4")
public class ExportResource {

    private static final String FHIR_JSON = FhirAnswers.FHIR_JSON_UTF8;
    static final String NDJSON = "application/fhir+ndjson";

    @Inject
    CurrentCaller currentCaller;

    @Inject
    ExportService exports;

    @Inject
    ExportConfig config;

    @Inject
    ObjectMapper json;

    // --------------------------------------------------------------- kick-off

    @Authenticated
    @GET
    @Path("Patient/$export")
    public Uni<Response> patientExport(@HeaderParam("Prefer") String prefer, UriInfo uri) {
        return kickOff("patient", null, prefer, uri);
    }

    @Authenticated
    @GET
    @Path("Group/{id}/$export")
    public Uni<Response> groupExport(@PathParam("id") String id, @HeaderParam("Prefer") String prefer, UriInfo uri) {
        return kickOff("group", id, prefer, uri);
    }

    @Authenticated
    @GET
    @Path("$export")
    public Uni<Response> systemExport(@HeaderParam("Prefer") String prefer, UriInfo uri) {
        return kickOff("system", null, prefer, uri);
    }

    private Uni<Response> kickOff(String level, String groupId, String prefer, UriInfo uri) {
        return call(() -> {
            Caller caller = caller();
            ExportService.Request request = ExportService.request(level, groupId, prefer, uri.getQueryParameters());
            String base = base(uri);
            return exports.kickOff(caller, request, uri.getRequestUri().toString(), base)
                    .map(id -> Response.accepted().header("Content-Location", base + "/$export-status/" + id)
                            .type(FHIR_JSON).entity(bytes(info("The export is queued; poll the Content-Location.")))
                            .build());
        });
    }

    // --------------------------------------------------------------- status, cancel, files

    @Authenticated
    @GET
    @Path("$export-status/{job}")
    public Uni<Response> status(@PathParam("job") String job) {
        return call(() -> exports.status(caller(), id(job)).map(status -> {
            if (status instanceof ExportService.Running r) {
                return Response.accepted()
                        .header("X-Progress", "in progress: " + r.patientsDone() + " of "
                                + (r.patientsTotal() == null ? "?" : r.patientsTotal()) + " patients, " + r.resources() + " resources")
                        .header("Retry-After", config.retryAfterSeconds()).build();
            }
            if (status instanceof ExportService.Complete c) {
                return Response.ok(bytes(c.manifest()), "application/json")
                        .header("Expires", DateTimeFormatter.RFC_1123_DATE_TIME.format(c.expires().atOffset(ZoneOffset.UTC)))
                        .build();
            }
            return outcome(500, OperationOutcome.error("exception", ((ExportService.Failed) status).error(), List.of()));
        }));
    }

    @Authenticated
    @DELETE
    @Path("$export-status/{job}")
    public Uni<Response> cancel(@PathParam("job") String job) {
        return call(() -> exports.cancel(caller(), id(job)).map(ignored -> Response.accepted().type(FHIR_JSON)
                .entity(bytes(info("The export is cancelled."))).build()));
    }

    @Authenticated
    @GET
    @Path("$export-file/{job}/{file}")
    public Uni<Response> file(@PathParam("job") String job, @PathParam("file") String file, HttpHeaders headers) {
        return call(() -> {
            String accept = headers.getHeaderString(HttpHeaders.ACCEPT);
            if (accept != null && !accept.isBlank() && !accept.contains("*/*") && !accept.contains("ndjson")
                    && !accept.contains("application/*")) {
                throw ExportException.notAcceptable();
            }
            if (!file.matches("[A-Za-z]{1,64}\\.ndjson")) {
                throw ExportException.notFound();
            }
            return exports.file(caller(), id(job), file).map(path -> Response.ok(path.toFile(), NDJSON).build());
        });
    }

    // --------------------------------------------------------------- groups

    @Authenticated
    @GET
    @Path("Group")
    public Uni<Response> groups(UriInfo uri) {
        return call(() -> {
            String base = base(uri);
            return exports.groups(caller()).map(groups -> ok(new FhirGroup.Bundle("Bundle", "searchset", groups.size(),
                    groups.stream().map(g -> new FhirGroup.Entry(base + "/Group/" + g.id(), g)).toList())));
        });
    }

    @Authenticated
    @GET
    @Path("Group/{id}")
    public Uni<Response> group(@PathParam("id") String id) {
        return call(() -> exports.group(caller(), id).map(this::ok));
    }

    // --------------------------------------------------------------- failures, as OperationOutcome

    @ServerExceptionMapper
    public Response exportFailure(ExportException e) {
        Response answer = outcome(e.status, e.outcome);
        return e.retryAfter == null ? answer : Response.fromResponse(answer).header("Retry-After", e.retryAfter).build();
    }

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
        return FhirAnswers.unexpected(json, e, "a bulk export request");
    }

    // --------------------------------------------------------------- helpers

    private Caller caller() {
        return currentCaller.authenticated();
    }

    private static UUID id(String job) {
        try {
            return UUID.fromString(job);
        } catch (IllegalArgumentException e) {
            throw ExportException.notFound();
        }
    }

    private static Uni<Response> call(Supplier<Uni<? extends Response>> work) {
        return Uni.createFrom().deferred(work);
    }

    private static String base(UriInfo uri) {
        return FhirAnswers.base(uri);
    }

    private static OperationOutcome info(String text) {
        return new OperationOutcome("OperationOutcome", List.of(new OperationOutcome.Issue("information", "informational", text,
                List.of())));
    }

    private Response ok(Object body) {
        return FhirAnswers.ok(json, body);
    }

    private Response outcome(int status, OperationOutcome outcome) {
        return FhirAnswers.outcome(json, status, outcome);
    }

    private byte[] bytes(Object body) {
        return FhirAnswers.bytes(json, body);
    }
}
