package org.carechart.fhir;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.Authenticated;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.carechart.common.ProblemException;
import org.carechart.fhir.api.OperationOutcome;
import org.carechart.fhir.api.Resources;
import org.carechart.fhir.api.Resources.Resource;
import org.carechart.identity.Caller;
import org.carechart.identity.CurrentCaller;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * FHIR R4 over HTTP at /fhir/r4: read, vread, search by GET and POST _search, metadata. Answers
 * are application/fhir+json; every failure is an OperationOutcome (the mappers below apply to this
 * class only, so the native API keeps its problem documents). Not in the OpenAPI document: the
 * CapabilityStatement describes this API.
 */
@Path("/fhir/r4")
public class FhirResource {

    public static final String FHIR_JSON = "application/fhir+json";
    private static final String FHIR_JSON_UTF8 = FhirAnswers.FHIR_JSON_UTF8;

    @Inject
    CurrentCaller currentCaller;

    @Inject
    FhirService fhir;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "1.0.0")
    String version;

    @GET
    @Path("metadata")
    public Response metadata(UriInfo uri) {
        return ok(CapabilityStatements.statement(base(uri), version));
    }

    @Authenticated
    @GET
    @Path("{type}")
    public Uni<Response> search(@PathParam("type") String type, UriInfo uri) {
        return search(type, uri, Map.of());
    }

    @Authenticated
    @POST
    @Path("{type}/_search")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> searchByPost(@PathParam("type") String type, UriInfo uri, MultivaluedMap<String, String> form) {
        return search(type, uri, form);
    }

    @Authenticated
    @GET
    @Path("{type}/{id}")
    public Uni<Response> read(@PathParam("type") String type, @PathParam("id") String id, HttpHeaders headers) {
        return call(() -> {
            FhirType fhirType = type(type);
            return fhir.read(caller(), fhirType, id).map(resource -> resource instanceof Resources.Binary binary
                    && !wantsFhir(headers) ? raw(binary) : ok(resource, resource));
        });
    }

    @Authenticated
    @GET
    @Path("{type}/{id}/_history/{versionId}")
    public Uni<Response> vread(@PathParam("type") String type, @PathParam("id") String id,
                               @PathParam("versionId") String versionId) {
        return call(() -> fhir.vread(caller(), type(type), id, versionId).map(resource -> ok(resource, resource)));
    }

    private Uni<Response> search(String type, UriInfo uri, Map<String, List<String>> form) {
        return call(() -> {
            FhirType fhirType = type(type);
            Map<String, List<String>> params = new LinkedHashMap<>(uri.getQueryParameters());
            form.forEach((name, values) -> params.merge(name, values,
                    (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList()));
            return fhir.search(caller(), fhirType, params, base(uri)).map(FhirResource.this::ok);
        });
    }

    // ---------------------------------------------------------------- failures, as OperationOutcome

    @ServerExceptionMapper
    public Response fhirFailure(FhirException e) {
        return outcome(e.status, e.outcome);
    }

    /**
     * A refusal, as OperationOutcome. Like {@code common.ProblemMapper}, it first runs the step the refusal
     * carries for after the rollback (the denial's audit record), so a FHIR denial is recorded as a native one.
     */
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
        return FhirAnswers.unexpected(json, e, "a FHIR request");
    }

    // ---------------------------------------------------------------- helpers

    private Caller caller() {
        return currentCaller.authenticated();
    }

    private static FhirType type(String name) {
        return FhirType.named(name).orElseThrow(() -> FhirException.unknownType(name));
    }

    /** Synchronous failures (bad ids, parameters) become failed Unis, so one path maps them. */
    private static Uni<Response> call(Supplier<Uni<? extends Response>> work) {
        return Uni.createFrom().deferred(work);
    }

    private static String base(UriInfo uri) {
        return FhirAnswers.base(uri);
    }

    private static boolean wantsFhir(HttpHeaders headers) {
        String accept = headers.getHeaderString(HttpHeaders.ACCEPT);
        return accept != null && (accept.contains("fhir+json") || accept.contains("application/json"));
    }

    private Response ok(Object body) {
        return Response.ok(bytes(body), FHIR_JSON_UTF8).build();
    }

    private Response ok(Object body, Resource resource) {
        Response.ResponseBuilder builder = Response.ok(bytes(body), FHIR_JSON_UTF8);
        String versionId = resource.meta() == null ? null : resource.meta().versionId();
        if (versionId != null) {
            builder.header(HttpHeaders.ETAG, "W/\"" + versionId + "\"");
        }
        return builder.build();
    }

    private static Response raw(Resources.Binary binary) {
        return Response.ok(Base64.getDecoder().decode(binary.data()), binary.contentType()).build();
    }

    private Response outcome(int status, OperationOutcome outcome) {
        return FhirAnswers.outcome(json, status, outcome);
    }

    private byte[] bytes(Object body) {
        return FhirAnswers.bytes(json, body);
    }
}
