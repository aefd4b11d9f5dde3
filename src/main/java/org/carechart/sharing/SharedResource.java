package org.carechart.sharing;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.carechart.common.ProblemMapper;
import org.carechart.common.ProblemType;
import org.carechart.identity.Caller;
import org.carechart.ratelimit.RateLimiter;
import org.carechart.ratelimit.Verdict;
import org.carechart.sharing.api.SharedChartView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The one endpoint that needs no account: the holder of a share link reads what it shares. */
@Path("/api/v1/shared")
@PermitAll
@Tag(name = "Sharing", description = "Grants (consents), share links and the accounting of disclosures")
@Produces(MediaType.APPLICATION_JSON)
public class SharedResource {

    static final String PASSCODE_HEADER = "X-Passcode";
    static final String ATTEMPTS_LEFT_HEADER = "X-Passcode-Attempts-Left";

    @Inject
    ShareLinkService shareLinks;

    @Inject
    RateLimiter limiter;

    @GET
    @Path("/{token}")
    @SecurityRequirements
    @Operation(operationId = "getSharedChart", summary = "Read the shared part of a chart with a share link's token (no account needed)")
    @APIResponse(responseCode = "200", description = "The shared part of the chart as it is now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SharedChartView.class)))
    @APIResponse(responseCode = "401", description = "The link needs a passcode (X-Passcode), or it was wrong; "
            + "X-Passcode-Attempts-Left says how many tries remain before the link locks")
    @APIResponse(responseCode = "429", description = "too-many-requests: too many openings from this address or of this link "
            + "(Retry-After, RateLimit and RateLimit-Policy fields)")
    @APIResponse(responseCode = "404", description = "Unknown, expired, revoked, used up or locked: the same answer for all")
    public Uni<Response> open(@PathParam("token") String token,
                              @Parameter(description = "the link's passcode, if it has one") @HeaderParam(PASSCODE_HEADER) String passcode,
                              @Context HttpServerRequest request) {
        Caller.ClientInfo client = client(request);
        // Quotas first, per address and per link, so tokens and passcodes cannot be tried at speed.
        return limiter.check(client.address(),
                        new RateLimiter.Ask(RateLimiter.Policy.SHARE_ADDRESS, client.address()),
                        new RateLimiter.Ask(RateLimiter.Policy.SHARE_LINK, token))
                .chain(Verdict::orRefuse)
                .chain(allowed -> shareLinks.open(token, passcode, client)).map(SharedResource::answer);
    }

    private static Response answer(ShareLinkService.Opening opening) {
        if (opening instanceof ShareLinkService.Opened opened) {
            return Response.ok(opened.view()).build();
        }
        if (opening instanceof ShareLinkService.PasscodeRequired) {
            return passcodeProblem("This link needs its passcode.", null);
        }
        if (opening instanceof ShareLinkService.WrongPasscode wrong) {
            return passcodeProblem("The passcode is wrong.", wrong.attemptsLeft());
        }
        // The instance names the collection, not the token: the token is a secret, and the answer
        // must be byte for byte the same for every link that cannot be used.
        return ProblemMapper.respond(ProblemType.NOT_FOUND.problem(
                "No such link, or it can no longer be used.", "/api/v1/shared", List.of()));
    }

    private static Response passcodeProblem(String detail, Integer attemptsLeft) {
        Response.ResponseBuilder builder = Response.status(401)
                .type(org.carechart.common.Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", "Passcode header=\"" + PASSCODE_HEADER + "\"")
                .entity(ProblemType.UNAUTHORIZED.problem(detail, "/api/v1/shared", List.of()));
        if (attemptsLeft != null) {
            builder.header(ATTEMPTS_LEFT_HEADER, attemptsLeft);
        }
        return builder.build();
    }

    private static Caller.ClientInfo client(HttpServerRequest request) {
        String address = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        String agent = request.getHeader("User-Agent");
        return new Caller.ClientInfo(address, agent == null ? null : agent.substring(0, Math.min(agent.length(), 256)));
    }
}
