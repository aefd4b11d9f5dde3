package org.carechart.patient;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.carechart.common.Cursor;
import org.carechart.common.Page;
import org.carechart.common.Problem;
import org.carechart.common.ProblemException;
import org.carechart.identity.CurrentCaller;
import org.carechart.patient.api.BreakGlassRequest;
import org.carechart.patient.api.BreakGlassView;
import org.carechart.patient.api.CareTeamMemberView;
import org.carechart.patient.api.NewCareTeamMember;
import org.carechart.patient.api.NewProxy;
import org.carechart.patient.api.PatientSummary;
import org.carechart.patient.api.PatientView;
import org.carechart.patient.api.ProxyView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/patients")
@Authenticated
@Tag(name = "Patients", description = "Patients, care teams, proxies and break-the-glass")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class PatientResource {

    @Inject
    CurrentCaller currentCaller;

    @Inject
    PatientService service;

    @GET
    @Operation(operationId = "listPatients", summary = "Patients I may see",
            description = "Providers: patients on their care team now, who granted them access, or in an open break-the-glass "
                    + "session. Records staff: their organization's patients. `q` matches the start of a family or given name, "
                    + "or a whole MRN.")
    @APIResponse(responseCode = "400", description = "Bad cursor or limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Only providers and records staff list patients",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "200", description = "One page of patients")
    public Uni<Page<PatientSummary>> list(@QueryParam("q") @Parameter(description = "name prefix or MRN") String q,
                                          @QueryParam("cursor") String cursor,
                                          @QueryParam("limit") @Parameter(description = "1 to 100, default 20") Integer limit) {
        if (q != null && q.length() > 100) {
            throw ProblemException.invalid("q", "must be at most 100 characters");
        }
        int pageSize = Page.limit(limit);
        return service.list(currentCaller.get(), q, Cursor.decode(cursor), pageSize);
    }

    @GET
    @Path("/{patientId}")
    @Operation(operationId = "getPatient", summary = "A patient's demographics")
    @APIResponse(responseCode = "404", description = "No such patient, or not yours to see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "200", description = "The patient's demographics")
    public Uni<PatientView> get(@PathParam("patientId") UUID patientId) {
        return service.get(currentCaller.get(), patientId);
    }

    @GET
    @Path("/{patientId}/care-team")
    @Operation(operationId = "listCareTeam", summary = "The providers caring for the patient, current and past")
    @APIResponse(responseCode = "404", description = "No such patient, or not yours to see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "200", description = "The care team (one page)")
    public Uni<Page<CareTeamMemberView>> careTeam(@PathParam("patientId") UUID patientId) {
        return service.careTeam(currentCaller.get(), patientId);
    }

    @POST
    @Path("/{patientId}/care-team")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addCareTeamMember", summary = "Add a provider to the care team (records staff of the patient's organization)")
    @APIResponse(responseCode = "201", description = "Added",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CareTeamMemberView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "You may see the patient but not change the care team",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such patient, or not yours to see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The provider is already on the care team",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not JSON",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> addCareTeamMember(@PathParam("patientId") UUID patientId, @Valid NewCareTeamMember body) {
        requireBody(body);
        return service.addCareTeamMember(currentCaller.get(), patientId, body)
                .map(view -> Response.status(Response.Status.CREATED).entity(view).build());
    }

    @DELETE
    @Path("/{patientId}/care-team/{memberId}")
    @Operation(operationId = "endCareTeamMember", summary = "End a provider's place on the care team (the link is kept, with its end)")
    @APIResponse(responseCode = "204", description = "Ended")
    @APIResponse(responseCode = "403", description = "You may see the patient but not change the care team",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such patient or member, or not yours to see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> endCareTeamMember(@PathParam("patientId") UUID patientId, @PathParam("memberId") UUID memberId) {
        return service.endCareTeamMember(currentCaller.get(), patientId, memberId).map(view -> Response.noContent().build());
    }

    @GET
    @Path("/{patientId}/proxies")
    @Operation(operationId = "listProxies", summary = "The accounts acting for the patient, current and past (the patient and records staff)")
    @APIResponse(responseCode = "403", description = "You may see the patient but not their proxies",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such patient, or not yours to see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "200", description = "The proxies (one page)")
    public Uni<Page<ProxyView>> proxies(@PathParam("patientId") UUID patientId) {
        return service.proxies(currentCaller.get(), patientId);
    }

    @POST
    @Path("/{patientId}/proxies")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addProxy", summary = "Let a personal account act for the patient (the patient or records staff)")
    @APIResponse(responseCode = "201", description = "Added",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProxyView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "You may see the patient but not change their proxies",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such patient, or not yours to see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The account already acts for the patient",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not JSON",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> addProxy(@PathParam("patientId") UUID patientId, @Valid NewProxy body) {
        requireBody(body);
        return service.addProxy(currentCaller.get(), patientId, body)
                .map(view -> Response.status(Response.Status.CREATED).entity(view).build());
    }

    @POST
    @Path("/{patientId}/account-link")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "linkPatientAccount", summary = "Link a personal account to the patient, so it acts as the patient (records staff of the "
            + "patient's organization, after proving the person's identity; audited)")
    @APIResponse(responseCode = "200", description = "Linked; the account's sessions end so its next sign-in names the patient",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = org.carechart.identity.api.AccountView.class)))
    @APIResponse(responseCode = "400", description = "Not a personal account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "You may see the patient but not link accounts to them",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such patient, or not yours to see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The account is linked to a patient already",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<org.carechart.identity.api.AccountView> linkAccount(@PathParam("patientId") UUID patientId,
                                                                  @Valid org.carechart.patient.api.AccountLinkRequest body) {
        requireBody(body);
        return service.linkAccount(currentCaller.get(), patientId, body.accountId());
    }

    @DELETE
    @Path("/{patientId}/proxies/{proxyId}")
    @Operation(operationId = "endProxy", summary = "End a proxy's access (the link is kept, with its end)")
    @APIResponse(responseCode = "204", description = "Ended")
    @APIResponse(responseCode = "403", description = "You may see the patient but not change their proxies",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such patient or proxy, or not yours to see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> endProxy(@PathParam("patientId") UUID patientId, @PathParam("proxyId") UUID proxyId) {
        return service.endProxy(currentCaller.get(), patientId, proxyId).map(view -> Response.noContent().build());
    }

    @POST
    @Path("/{patientId}/break-glass")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "startBreakGlass", summary = "Emergency access to a chart (a provider with no other basis)",
            description = "Opens the chart to the calling provider for a limited time (1 hour by default). The access is "
                    + "recorded as break-the-glass, the patient is told, and the organization's records staff review it. "
                    + "Breaking the glass again while a session is open extends that session (same id, first reason kept).")
    @APIResponse(responseCode = "201", description = "Opened; the chart is readable until expiresAt",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BreakGlassView.class)))
    @APIResponse(responseCode = "200", description = "The open session was extended; the chart is readable until expiresAt",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BreakGlassView.class)))
    @APIResponse(responseCode = "400", description = "No reason, or one shorter than 10 or longer than 500 characters",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Only providers may break the glass",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such patient",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "You already have access to this chart",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not JSON",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> breakGlass(@PathParam("patientId") UUID patientId, @Valid BreakGlassRequest body) {
        requireBody(body);
        return service.breakGlass(currentCaller.get(), patientId, body.reason())
                .map(result -> Response.status(result.extended() ? Response.Status.OK : Response.Status.CREATED)
                        .entity(result.view()).build());
    }

    private static void requireBody(Object body) {
        if (body == null) {
            throw ProblemException.invalid("body", "is required");
        }
    }
}
