package org.carechart.sharing;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.carechart.common.Page;
import org.carechart.identity.CurrentCaller;
import org.carechart.sharing.api.DisclosureView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/patients/{patientId}/disclosures")
@Authenticated
@Tag(name = "Sharing", description = "Grants (consents), share links and the accounting of disclosures")
@Produces(MediaType.APPLICATION_JSON)
public class DisclosureResource {

    @Inject
    CurrentCaller currentCaller;

    @Inject
    SharingService sharing;

    @GET
    @Operation(operationId = "listDisclosures", summary = "Accounting of disclosures (45 CFR 164.528): who other than the patient and their proxies "
            + "accessed the patient's data, when, on what basis and for what purpose; newest first "
            + "(patient, proxy, records staff)")
    @APIResponse(responseCode = "400", description = "Bad cursor or limit")
    @APIResponse(responseCode = "403", description = "You may see this patient but not their disclosures")
    @APIResponse(responseCode = "404", description = "No such patient, or not yours to see")
    @APIResponse(responseCode = "200", description = "One page of disclosures")
    public Uni<Page<DisclosureView>> list(@PathParam("patientId") UUID patientId, @QueryParam("cursor") String cursor,
                                          @QueryParam("limit") Integer limit) {
        return sharing.disclosures(currentCaller.get(), patientId, cursor, limit);
    }
}
