package org.carechart.sharing;

import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.carechart.common.Page;
import org.carechart.identity.CurrentCaller;
import org.carechart.sharing.api.GrantRequest;
import org.carechart.sharing.api.GrantView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.UUID;

@Path("/api/v1/patients/{patientId}/grants")
@Authenticated
@Tag(name = "Sharing", description = "Grants (consents), share links and the accounting of disclosures")
@Produces(MediaType.APPLICATION_JSON)
public class GrantResource {

    @Inject
    CurrentCaller currentCaller;

    @Inject
    SharingService sharing;

    @GET
    @Operation(operationId = "listGrants", summary = "The patient's grants, newest first, including revoked and expired ones (patient, proxy, or records staff of the patient's organization)")
    @APIResponse(responseCode = "404", description = "No such patient, or not yours to manage")
    @APIResponse(responseCode = "200", description = "The grants (one page)")
    public Uni<Page<GrantView>> list(@PathParam("patientId") UUID patientId) {
        return sharing.listGrants(currentCaller.get(), patientId);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createGrant", summary = "Grant a provider, an organization or an app read access to some categories (patient or proxy)")
    @APIResponse(responseCode = "201", description = "Granted; effective at once", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GrantView.class)), headers = @Header(name = "Location", ref = "Location"))
    @APIResponse(responseCode = "400", description = "Invalid fields (unknown grantee or category, past expiry, ...)")
    @APIResponse(responseCode = "403", description = "You may see this patient but not share for them")
    @APIResponse(responseCode = "404", description = "No such patient, or not yours to manage")
    public Uni<RestResponse<GrantView>> create(@PathParam("patientId") UUID patientId, GrantRequest request,
                                               @jakarta.ws.rs.core.Context UriInfo uriInfo) {
        return sharing.createGrant(currentCaller.get(), patientId, request)
                .map(grant -> RestResponse.ResponseBuilder.<GrantView>created(
                        uriInfo.getAbsolutePathBuilder().path(grant.id().toString()).build()).entity(grant).build());
    }

    @DELETE
    @Path("/{grantId}")
    @Operation(operationId = "revokeGrant", summary = "Revoke a grant, effective at once (patient, proxy, or records staff of the patient's organization; audited)")
    @APIResponse(responseCode = "204", description = "Revoked (or it was revoked already)")
    @APIResponse(responseCode = "403", description = "You may see this patient but not share for them")
    @APIResponse(responseCode = "404", description = "No such grant for this patient, or not yours to manage")
    public Uni<RestResponse<Void>> revoke(@PathParam("patientId") UUID patientId, @PathParam("grantId") UUID grantId) {
        return sharing.revokeGrant(currentCaller.get(), patientId, grantId).map(ignored -> RestResponse.noContent());
    }
}
