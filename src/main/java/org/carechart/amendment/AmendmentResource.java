package org.carechart.amendment;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.carechart.amendment.api.AmendmentDecisionInput;
import org.carechart.amendment.api.AmendmentRequestInput;
import org.carechart.amendment.api.AmendmentView;
import org.carechart.amendment.api.DisagreementInput;
import org.carechart.common.Cursor;
import org.carechart.common.Page;
import org.carechart.identity.CurrentCaller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

@Path("/api/v1/patients/{patientId}/amendments")
@Authenticated
@Tag(name = "Amendments", description = "HIPAA right to amend: requests, decisions and statements of disagreement")
@Produces(MediaType.APPLICATION_JSON)
public class AmendmentResource {

    @Inject
    CurrentCaller currentCaller;

    @Inject
    AmendmentService amendments;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "requestAmendment", summary = "Request a correction of one chart entry (the patient or a proxy); due in 60 days")
    @APIResponse(responseCode = "201", description = "Requested; Location of the request",
            content = @Content(schema = @Schema(implementation = AmendmentView.class)))
    @APIResponse(responseCode = "400", description = "entryId or reason missing, or not an entry of this chart")
    @APIResponse(responseCode = "403", description = "Only the patient or a proxy may request an amendment")
    @APIResponse(responseCode = "404", description = "No such patient, or not yours to see")
    @APIResponse(responseCode = "409", description = "The entry is retracted")
    public Uni<Response> request(@PathParam("patientId") UUID patientId, AmendmentRequestInput input) {
        return amendments.request(currentCaller.get(), patientId, input)
                .map(view -> Response.created(URI.create("/api/v1/patients/" + patientId + "/amendments/" + view.id()))
                        .entity(view).build());
    }

    @GET
    @Operation(operationId = "listAmendments", summary = "Amendment requests of this patient, newest first (cursor paging)")
    @APIResponse(responseCode = "400", description = "Invalid cursor or limit")
    @APIResponse(responseCode = "404", description = "No such patient, or not yours to see")
    @APIResponse(responseCode = "200", description = "One page of amendment requests")
    public Uni<Page<AmendmentView>> list(@PathParam("patientId") UUID patientId, @QueryParam("cursor") String cursor,
                                         @QueryParam("limit") Integer limit) {
        int pageSize = Page.limit(limit);
        return amendments.list(currentCaller.get(), patientId, Cursor.decode(cursor), pageSize);
    }

    @GET
    @Path("{amendmentId}")
    @Operation(operationId = "getAmendment", summary = "One amendment request")
    @APIResponse(responseCode = "404", description = "No such request, or not yours to see")
    @APIResponse(responseCode = "200", description = "The amendment request")
    public Uni<AmendmentView> get(@PathParam("patientId") UUID patientId, @PathParam("amendmentId") UUID amendmentId) {
        return amendments.get(currentCaller.get(), patientId, amendmentId);
    }

    @POST
    @Path("{amendmentId}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "decideAmendment", summary = "Accept (with the corrected entry) or deny (with a reason): records staff of the patient's organization",
            description = "Accepting writes a new version of the entry citing the request. The patient is notified either way.")
    @APIResponse(responseCode = "400", description = "Invalid decision, reason or correction")
    @APIResponse(responseCode = "403", description = "Only records staff may decide")
    @APIResponse(responseCode = "404", description = "No such request, or not yours to see")
    @APIResponse(responseCode = "409", description = "Already decided")
    @APIResponse(responseCode = "200", description = "The request with its decision")
    public Uni<AmendmentView> decide(@PathParam("patientId") UUID patientId, @PathParam("amendmentId") UUID amendmentId,
                                     AmendmentDecisionInput input) {
        return amendments.decide(currentCaller.get(), patientId, amendmentId, input);
    }

    @POST
    @Path("{amendmentId}/disagreement")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addAmendmentDisagreement", summary = "File a statement of disagreement with a denial (the patient or a proxy); shown in the entry's history")
    @APIResponse(responseCode = "400", description = "The statement is missing or too long")
    @APIResponse(responseCode = "403", description = "Only the patient or a proxy may disagree")
    @APIResponse(responseCode = "404", description = "No such request, or not yours to see")
    @APIResponse(responseCode = "409", description = "Not denied, or a statement was already filed")
    @APIResponse(responseCode = "200", description = "The request with the statement of disagreement")
    public Uni<AmendmentView> disagree(@PathParam("patientId") UUID patientId, @PathParam("amendmentId") UUID amendmentId,
                                       DisagreementInput input) {
        return amendments.disagree(currentCaller.get(), patientId, amendmentId, input == null ? null : input.statement());
    }
}
