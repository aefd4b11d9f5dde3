package org.carechart.audit;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.carechart.audit.api.AccessLogItem;
import org.carechart.audit.api.AuditEventView;
import org.carechart.audit.api.VerificationReport;
import org.carechart.common.Cursor;
import org.carechart.common.Page;
import org.carechart.common.Problem;
import org.carechart.common.ProblemException;
import org.carechart.identity.CurrentCaller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/**
 * The patient's own view of the trail. A root resource of its own: under {@code /api/v1} it would
 * lose the match to the patients resource, which owns {@code /api/v1/patients}.
 */
@Path("/api/v1/patients/{patientId}/access-log")
@Authenticated
@Tag(name = "Audit")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AccessLogResource {

    @Inject
    CurrentCaller currentCaller;

    @Inject
    AuditQueryService service;

    @GET
    @Operation(operationId = "listAccessLog", summary = "Who viewed or changed this chart, when, what and on what basis, in plain words",
            description = "For the patient, their proxies and records staff of the patient's organization. Newest first, "
                    + "cursor paged. The reader's own actions are included and marked `you`. Reading the log is itself recorded.")
    @APIResponse(responseCode = "200", description = "One page of the access log")
    @APIResponse(responseCode = "400", description = "Bad cursor or limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such patient, or not one whose log you may read",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Page<AccessLogItem>> accessLog(@PathParam("patientId") String patientId,
                                              @QueryParam("cursor") String cursor,
                                              @Parameter(description = "1 to 100, default 20") @QueryParam("limit") Integer limit) {
        UUID patient = AuditResource.patientId(patientId);
        int pageSize = Page.limit(limit);
        return service.accessLog(currentCaller.get(), patient, Cursor.decode(cursor), pageSize);
    }
}
