package org.carechart.patient;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.carechart.identity.Caller;
import org.carechart.identity.CurrentCaller;
import org.carechart.identity.Role;
import org.carechart.patient.api.MeView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/v1/me")
@Authenticated
@Tag(name = "Identity", description = "Tokens and who is calling")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    @Inject
    CurrentCaller currentCaller;

    @GET
    @Operation(summary = "Who am I: roles, my patient id, and the patients I act for as a proxy")
    public Uni<MeView> me() {
        Caller caller = currentCaller.get();
        return Uni.createFrom().item(new MeView(caller.accountId(), caller.displayName(),
                caller.roles().stream().map(Role::claim).sorted().toList(), caller.patientId(),
                caller.organizationId(), List.of()));
    }
}
