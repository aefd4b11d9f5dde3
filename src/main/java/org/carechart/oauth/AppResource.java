package org.carechart.oauth;

import io.smallrye.mutiny.Uni;
import org.carechart.common.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.carechart.common.Problem;
import org.carechart.identity.CurrentCaller;
import org.carechart.oauth.api.AppRegistration;
import org.carechart.oauth.api.AppView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

/** Admins register, list and disable third-party apps (SMART clients). */
@Path("/api/v1/apps")
@RolesAllowed("admin")
@Tag(name = "Apps", description = "Registered third-party apps (SMART App Launch and Backend Services clients)")
public class AppResource {

    @Inject
    AppService apps;

    @Inject
    CurrentCaller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register an app: client id, public or confidential, exact redirect URIs, allowed scopes, "
            + "JWKS or JWKS URL for private_key_jwt")
    @APIResponse(responseCode = "201", description = "Registered",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AppView.class)))
    @APIResponse(responseCode = "400", description = "validation: every bad field is named",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The client id is taken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> register(AppRegistration request) {
        return apps.register(caller.get(), request)
                .map(view -> Response.created(URI.create("/api/v1/apps/" + view.clientId())).entity(view).build());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every registered app, disabled ones included, in order of registration",
            description = "One page holds every app (a server registers few), so nextCursor is always absent; "
                    + "the shape is the one every list has.")
    public Uni<Page<AppView>> list() {
        return apps.list();
    }

    @GET
    @Path("/{clientId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One registered app")
    @APIResponse(responseCode = "200", description = "The app",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AppView.class)))
    @APIResponse(responseCode = "404", description = "No app has this client id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AppView> get(@PathParam("clientId") String clientId) {
        return apps.get(clientId);
    }

    @DELETE
    @Path("/{clientId}")
    @Operation(summary = "Disable an app: no new tokens, its refresh tokens stop working; grants stay for the record")
    @APIResponse(responseCode = "204", description = "Disabled (again: 204)")
    @APIResponse(responseCode = "404", description = "No app has this client id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> disable(@PathParam("clientId") String clientId) {
        return apps.disable(caller.get(), clientId).map(ignored -> Response.noContent().build());
    }
}
