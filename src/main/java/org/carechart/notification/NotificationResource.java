package org.carechart.notification;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.carechart.common.Page;
import org.carechart.common.ProblemException;
import org.carechart.identity.Caller;
import org.carechart.identity.CurrentCaller;
import org.carechart.notification.api.InboxPage;
import org.carechart.notification.api.NotificationView;
import org.carechart.notification.api.ReadRequest;
import org.carechart.notification.api.ReadState;
import org.carechart.notification.api.WsTicket;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.Instant;

@Path("/api/v1/notifications")
@Authenticated
@Tag(name = "Notifications", description = "The caller's inbox, live over WebSocket or Server-Sent Events")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    @Inject
    CurrentCaller currentCaller;

    @Inject
    JsonWebToken jwt;

    @Inject
    NotificationService service;

    @Inject
    LiveHub hub;

    @Inject
    ObjectMapper json;

    @Inject
    Vertx vertx;

    @Inject
    NotificationConfig config;

    @GET
    @Operation(operationId = "listNotifications", summary = "My inbox: entries after a sequence number, ascending, with the unread count")
    @APIResponse(responseCode = "400", description = "after or limit out of range")
    @APIResponse(responseCode = "200", description = "A slice of the inbox and the unread count")
    public Uni<InboxPage> inbox(
            @Parameter(description = "Return entries with a sequence number greater than this (default 0)")
            @QueryParam("after") Long after,
            @Parameter(description = "At most this many entries (default 20, max 100)") @QueryParam("limit") Integer limit) {
        int size = Page.limit(limit);
        return service.page(currentCaller.get(), after == null ? 0 : after, size);
    }

    @POST
    @Path("read")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "markNotificationsRead", summary = "Mark my inbox read up to and including a sequence number")
    @APIResponse(responseCode = "400", description = "upTo missing or negative")
    @APIResponse(responseCode = "200", description = "The inbox read state after marking")
    public Uni<ReadState> read(@Valid @NotNull ReadRequest request) {
        return service.markRead(currentCaller.get(), request.upTo());
    }

    @POST
    @Path("ws-ticket")
    @Operation(operationId = "createWebSocketTicket", summary = "A one-time ticket to open the WebSocket from a browser (valid 30 s, single use)",
            description = "Open /api/v1/notifications/ws?ticket=...&after=N with it. The socket closes when the token "
                    + "used to get the ticket expires.")
    
    @APIResponse(responseCode = "201", description = "The ticket", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WsTicket.class)))
    public Uni<jakarta.ws.rs.core.Response> ticket() {
        Instant tokenExpiry = Instant.ofEpochSecond(jwt.getExpirationTime());
        return service.issueTicket(currentCaller.get(), tokenExpiry)
                .map(ticket -> jakarta.ws.rs.core.Response.status(201).entity(ticket).build());
    }

    @GET
    @Path("sse")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(operationId = "streamNotifications", summary = "My notifications as Server-Sent Events",
            description = "Each event's id is its sequence number and its data a notification as JSON. Resumes after "
                    + "Last-Event-ID (or ?after=N): every entry after it from the inbox, then live ones, no gap, no "
                    + "duplicate. Ends when the token expires.")
    @APIResponse(responseCode = "400", description = "Last-Event-ID or after is not a sequence number")
    @APIResponse(responseCode = "200", description = "An endless text/event-stream; each event's data is a Notification as JSON", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING, maxLength = 100000)))
    public Multi<OutboundSseEvent> sse(@HeaderParam("Last-Event-ID") String lastEventId,
                                       @QueryParam("after") Long after, @Context Sse sse) {
        Caller caller = currentCaller.get();
        long from = resumePoint(lastEventId, after);
        Instant expiresAt = Instant.ofEpochSecond(jwt.getExpirationTime());
        return Multi.createFrom().emitter(emitter -> {
            Feed feed = hub.open(caller.accountId(), caller.patientId(), from, view -> {
                emitter.emit(sse.newEventBuilder().id(Long.toString(view.seq())).mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(text(view)).build());
                return Uni.createFrom().voidItem();
            }, emitter::complete, emitter::complete);
            long expiry = vertx.setTimer(Math.max(1, Duration.between(Instant.now(), expiresAt).toMillis()), id -> emitter.complete());
            long ping = vertx.setPeriodic(Math.max(1000, config.pingInterval().toMillis()),
                    id -> emitter.emit(sse.newEventBuilder().comment("keep-alive").build()));
            emitter.onTermination(() -> {
                hub.close(feed);
                vertx.cancelTimer(expiry);
                vertx.cancelTimer(ping);
            });
        });
    }

    private static long resumePoint(String lastEventId, Long after) {
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                long seq = Long.parseLong(lastEventId.trim());
                if (seq >= 0) {
                    return seq;
                }
            } catch (NumberFormatException e) {
                // answered below
            }
            throw ProblemException.invalid("Last-Event-ID", "must be a sequence number");
        }
        if (after != null && after < 0) {
            throw ProblemException.invalid("after", "must be zero or a sequence number");
        }
        return after == null ? 0 : after;
    }

    private String text(NotificationView view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A notification could not be written as JSON", e);
        }
    }
}
