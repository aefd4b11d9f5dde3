package org.carechart.patient;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.carechart.common.Cursor;
import org.carechart.common.Page;
import org.carechart.common.Problem;
import org.carechart.identity.CurrentCaller;
import org.carechart.patient.api.BreakGlassReviewItem;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/break-glass")
@Authenticated
@Tag(name = "Patients", description = "Patients, care teams, proxies and break-the-glass")
@Produces(MediaType.APPLICATION_JSON)
public class BreakGlassReviewResource {

    @Inject
    CurrentCaller currentCaller;

    @Inject
    PatientService service;

    @GET
    @Operation(operationId = "listBreakGlassSessions", summary = "Break-the-glass sessions on my organization's patients, newest first (records staff)")
    @APIResponse(responseCode = "400", description = "Bad cursor or limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Only records staff review break-the-glass sessions",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "200", description = "One page of break-the-glass sessions")
    public Uni<Page<BreakGlassReviewItem>> list(@QueryParam("cursor") String cursor,
                                                @QueryParam("limit") @Parameter(description = "1 to 100, default 20") Integer limit) {
        int pageSize = Page.limit(limit);
        return service.breakGlassReview(currentCaller.get(), Cursor.decode(cursor), pageSize);
    }
}
