package org.carechart.patient;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.carechart.identity.CurrentCaller;
import org.carechart.patient.api.MeView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/me")
@Authenticated
@Tag(name = "Identity", description = "Tokens and who is calling")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    @Inject
    CurrentCaller currentCaller;

    @Inject
    PatientService service;

    @GET
    @Operation(operationId = "getMe", summary = "Who am I: roles, my patient id, and the patients I act for as a proxy")
    public Uni<MeView> me() {
        return service.me(currentCaller.get());
    }
}
