package org.carechart.notification;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.carechart.identity.CurrentCaller;
import org.carechart.notification.api.DeliveryView;
import org.carechart.notification.api.WebhookCreated;
import org.carechart.notification.api.WebhookRequest;
import org.carechart.notification.api.WebhookView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/webhooks")
@RolesAllowed("app")
@Tag(name = "Webhooks", description = "Signed event deliveries to third-party apps")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    @Inject
    CurrentCaller currentCaller;

    @Inject
    WebhookService service;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createWebhook", summary = "Subscribe to events of patients whose grant covers them; the signing secret is shown once",
            description = "The URL must be https and resolve only to public addresses. Deliveries are POSTs signed like "
                    + "Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature), retried with growing delays "
                    + "for more than a day, and stop when the grant for the patient ends.")
    @APIResponse(responseCode = "201", description = "Subscribed",
            content = @Content(schema = @Schema(implementation = WebhookCreated.class)))
    @APIResponse(responseCode = "400", description = "URL not https, not public, not resolvable, or an unknown kind")
    @APIResponse(responseCode = "403", description = "Only apps may subscribe")
    public Uni<Response> register(@Valid @NotNull WebhookRequest request, @Context UriInfo uri) {
        return service.register(currentCaller.get(), request)
                .map(created -> Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                        .entity(created).build());
    }

    @GET
    @Operation(operationId = "listWebhooks", summary = "My webhook subscriptions")
    @APIResponse(responseCode = "403", description = "Only apps have webhooks")
    @APIResponse(responseCode = "200", description = "My subscriptions (one page)")
    public Uni<Page<WebhookView>> list() {
        // Like every list: {items, nextCursor}. An app has few subscriptions: one page, no cursor.
        return service.list(currentCaller.get()).map(items -> new Page<>(items, null));
    }

    @GET
    @Path("{webhookId}")
    @Operation(operationId = "getWebhook", summary = "One of my webhook subscriptions")
    @APIResponse(responseCode = "404", description = "No such subscription of mine")
    @APIResponse(responseCode = "200", description = "The subscription")
    public Uni<WebhookView> get(@PathParam("webhookId") UUID webhookId) {
        return service.get(currentCaller.get(), webhookId);
    }

    @DELETE
    @Path("{webhookId}")
    @Operation(operationId = "deleteWebhook", summary = "Unsubscribe; pending deliveries stop")
    @APIResponse(responseCode = "204", description = "Unsubscribed")
    @APIResponse(responseCode = "404", description = "No such subscription of mine")
    public Uni<Response> delete(@PathParam("webhookId") UUID webhookId) {
        return service.delete(currentCaller.get(), webhookId).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("{webhookId}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "The delivery log of a subscription, newest first")
    @APIResponse(responseCode = "400", description = "Bad cursor or limit")
    @APIResponse(responseCode = "404", description = "No such subscription of mine")
    @APIResponse(responseCode = "200", description = "One page of deliveries")
    public Uni<Page<DeliveryView>> deliveries(@PathParam("webhookId") UUID webhookId, @QueryParam("cursor") String cursor,
                                              @QueryParam("limit") Integer limit) {
        return service.deliveries(currentCaller.get(), webhookId, cursor, Page.limit(limit));
    }

    @POST
    @Path("{webhookId}/deliveries/{deliveryId}/redelivery")
    @Operation(operationId = "redeliverWebhookEvent", summary = "Deliver an event again, now (a new delivery in the log, same webhook-id)")
    @APIResponse(responseCode = "202", description = "Queued",
            content = @Content(schema = @Schema(implementation = DeliveryView.class)))
    @APIResponse(responseCode = "404", description = "No such subscription or delivery of mine")
    public Uni<Response> redeliver(@PathParam("webhookId") UUID webhookId, @PathParam("deliveryId") UUID deliveryId) {
        return service.redeliver(currentCaller.get(), webhookId, deliveryId)
                .map(delivery -> Response.accepted(delivery).build());
    }
}
