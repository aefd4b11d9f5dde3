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

@Path("/api/v1")
@Authenticated
@Tag(name = "Audit", description = "The append-only, tamper-evident audit trail and the patient's access log")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AuditResource {

    @Inject
    CurrentCaller currentCaller;

    @Inject
    AuditQueryService service;

    @GET
    @Path("/audit")
    @Operation(operationId = "searchAuditEvents", summary = "Search the audit trail (records staff: their organization's patients; administrators: all)",
            description = "Newest first, cursor paged. `basis=break-the-glass` lists emergency accesses for review; "
                    + "`outcome=denied` lists refused requests. `from` is inclusive, `to` exclusive.")
    @APIResponse(responseCode = "200", description = "One page of audit events")
    @APIResponse(responseCode = "400", description = "Unknown action, outcome or basis, from after to, bad cursor or limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Only records staff and administrators review the trail",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "patientId names no patient of your organization",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Page<AuditEventView>> search(@QueryParam("patientId") String patientId,
                                            @QueryParam("actorId") String actorId,
                                            @Parameter(description = "read, search, create, update, retract, share, revoke, export, "
                                                    + "break-glass, login, login-failed, logout, token-refresh, token-refused")
                                            @QueryParam("action") String action,
                                            @Parameter(description = "success, denied or failure") @QueryParam("outcome") String outcome,
                                            @Parameter(description = "self, proxy, care-team, staff, grant, share-link, "
                                                    + "break-the-glass, admin, none") @QueryParam("basis") String basis,
                                            @Parameter(description = "ISO-8601 instant, inclusive") @QueryParam("from") String from,
                                            @Parameter(description = "ISO-8601 instant, exclusive") @QueryParam("to") String to,
                                            @QueryParam("cursor") String cursor,
                                            @Parameter(description = "1 to 100, default 20") @QueryParam("limit") Integer limit) {
        AuditFilter filter = AuditFilter.parse(patientId, actorId, action, outcome, basis, from, to, cursor, limit);
        return service.search(currentCaller.get(), filter);
    }

    @GET
    @Path("/audit/verification")
    @Operation(operationId = "verifyAuditChains", summary = "Recompute the hash chains and report intact or the first broken link",
            description = "Every chain, or with `patientId` only that patient's. Walks the trail in batches.")
    @APIResponse(responseCode = "200", description = "The verification report (intact or the first broken link)")
    @APIResponse(responseCode = "400", description = "patientId is not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Only records staff and administrators verify the trail",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "patientId names no patient of your organization",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<VerificationReport> verify(@QueryParam("patientId") String patientId) {
        return service.verify(currentCaller.get(), AuditFilter.uuid("patientId", patientId));
    }

    /** A path id that is not a UUID names nothing: 404, as for any id the caller may not see. */
    static UUID patientId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound();
        }
    }
}
