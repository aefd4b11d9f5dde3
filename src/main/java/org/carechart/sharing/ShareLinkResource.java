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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.carechart.common.Page;
import org.carechart.identity.CurrentCaller;
import org.carechart.sharing.api.ShareLinkCreated;
import org.carechart.sharing.api.ShareLinkRequest;
import org.carechart.sharing.api.ShareLinkView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.UUID;

@Path("/api/v1/patients/{patientId}/share-links")
@Authenticated
@Tag(name = "Sharing", description = "Grants (consents), share links and the accounting of disclosures")
@Produces(MediaType.APPLICATION_JSON)
public class ShareLinkResource {

    @Inject
    CurrentCaller currentCaller;

    @Inject
    ShareLinkService shareLinks;

    @GET
    @Operation(operationId = "listShareLinks", summary = "The patient's share links, newest first, with their status and use count (patient, proxy, or records staff of the patient's organization)")
    @APIResponse(responseCode = "404", description = "No such patient, or not yours to manage")
    @APIResponse(responseCode = "200", description = "The share links (one page)")
    public Uni<Page<ShareLinkView>> list(@PathParam("patientId") UUID patientId) {
        return shareLinks.list(currentCaller.get(), patientId);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createShareLink", summary = "Create an expiring link to chosen categories or entries (patient or proxy). "
            + "The token is in this answer only; keep it.")
    @APIResponse(responseCode = "201", description = "Created; the body holds the token and the path to give away",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ShareLinkCreated.class)),
            headers = @Header(name = "Location", ref = "Location"))
    @APIResponse(responseCode = "400", description = "Invalid fields (expiry missing, past or too far, no categories, ...)")
    @APIResponse(responseCode = "403", description = "You may see this patient but not share for them")
    @APIResponse(responseCode = "404", description = "No such patient, or not yours to manage")
    public Uni<RestResponse<ShareLinkCreated>> create(@PathParam("patientId") UUID patientId, ShareLinkRequest request,
                                                      @Context UriInfo uriInfo) {
        return shareLinks.create(currentCaller.get(), patientId, request)
                .map(created -> RestResponse.ResponseBuilder.<ShareLinkCreated>created(
                        uriInfo.getAbsolutePathBuilder().path(created.link().id().toString()).build())
                        .entity(created).build());
    }

    @DELETE
    @Path("/{linkId}")
    @Operation(operationId = "revokeShareLink", summary = "Revoke a share link, effective at once (patient, proxy, or records staff of the patient's organization; audited)")
    @APIResponse(responseCode = "204", description = "Revoked (or it was revoked already)")
    @APIResponse(responseCode = "403", description = "You may see this patient but not share for them")
    @APIResponse(responseCode = "404", description = "No such link for this patient, or not yours to manage")
    public Uni<RestResponse<Void>> revoke(@PathParam("patientId") UUID patientId, @PathParam("linkId") UUID linkId) {
        return shareLinks.revoke(currentCaller.get(), patientId, linkId).map(ignored -> RestResponse.noContent());
    }
}
