package org.carechart.identity;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.carechart.common.Page;
import org.carechart.common.Problem;
import org.carechart.identity.api.AccountView;
import org.carechart.identity.api.NewAccount;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** Account administration. Admins manage accounts, not charts: nothing here reads health data. */
@Path("/api/v1/accounts")
@RolesAllowed("admin")
@Tag(name = "Accounts", description = "Registered accounts, managed by administrators")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid access token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The caller is not an administrator",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AccountResource {

    @Inject
    AccountService accounts;

    @Inject
    CurrentCaller currentCaller;

    /** The roles to set. */
    public record RolesChange(@jakarta.validation.constraints.NotNull java.util.List<String> roles) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createAccount", summary = "Register an account: username, password (12 or more characters), display name, roles, "
            + "organization (required for providers, staff and apps). Roles: patient; admin; app; provider, staff or both. "
            + "A patient link is not set here: records staff of the patient's organization link accounts to patients.")
    @APIResponse(responseCode = "201", description = "Created; Location names the account",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The username is taken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@Valid @NotNull NewAccount request, @Context UriInfo uri) {
        return accounts.create(currentCaller.get(), request).map(view -> Response
                .created(uri.getAbsolutePathBuilder().path(view.id().toString()).build())
                .entity(view).build());
    }

    @GET
    @Operation(operationId = "listAccounts", summary = "Registered accounts in the order they were created, cursor paged")
    @APIResponse(responseCode = "400", description = "A bad cursor or limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "200", description = "One page of accounts")
    public Uni<Page<AccountView>> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return accounts.list(cursor, limit);
    }

    @GET
    @Path("/{accountId}")
    @Operation(operationId = "getAccount", summary = "One account")
    @APIResponse(responseCode = "404", description = "No such account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "200", description = "The account")
    public Uni<AccountView> get(@PathParam("accountId") UUID accountId) {
        return accounts.get(accountId);
    }

    @POST
    @Path("/{accountId}/unlock")
    @Operation(operationId = "unlockAccount", summary = "Lift a sign-in lock and reset the failed sign-in count")
    @APIResponse(responseCode = "404", description = "No such account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "200", description = "The account, unlocked")
    public Uni<AccountView> unlock(@PathParam("accountId") UUID accountId) {
        return accounts.unlock(currentCaller.get(), accountId);
    }

    @POST
    @Path("/{accountId}/disable")
    @Operation(operationId = "disableAccount", summary = "Disable an account: no sign-in, refresh refused at once, access tokens refused within seconds")
    @APIResponse(responseCode = "404", description = "No such account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "An administrator cannot disable their own account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "200", description = "The account, disabled")
    public Uni<AccountView> disable(@PathParam("accountId") UUID accountId) {
        return accounts.disable(currentCaller.get(), accountId);
    }

    @POST
    @Path("/{accountId}/enable")
    @Operation(operationId = "enableAccount", summary = "Enable a disabled account again (its old sessions stay ended)")
    @APIResponse(responseCode = "404", description = "No such account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "200", description = "The account, enabled")
    public Uni<AccountView> enable(@PathParam("accountId") UUID accountId) {
        return accounts.enable(currentCaller.get(), accountId);
    }

    @jakarta.ws.rs.PUT
    @Path("/{accountId}/roles")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setAccountRoles", summary = "Set an account's roles (validated combinations); its sessions end, since tokens carry roles")
    @APIResponse(responseCode = "400", description = "An invalid role or combination",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "200", description = "The account with its new roles")
    public Uni<AccountView> roles(@PathParam("accountId") UUID accountId, @Valid @NotNull RolesChange change) {
        return accounts.changeRoles(currentCaller.get(), accountId, change.roles());
    }
}
