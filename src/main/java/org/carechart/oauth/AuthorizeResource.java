package org.carechart.oauth;

import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.carechart.common.ProblemException;
import org.carechart.identity.ClientInfos;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;

import java.util.List;

/**
 * The authorization endpoint (RFC 6749 §3.1, SMART App Launch 2.0): a server-rendered page where a
 * patient, or someone acting for one, signs in and approves or denies an app. Every answer forbids
 * framing and caching; every form post must carry the CSRF token of the page's own cookie.
 */
@Path("/oauth2/authorize")
@PermitAll
@SecurityRequirements
@Tag(name = "OAuth", description = "SMART App Launch 2.0 authorization server for third-party apps")
public class AuthorizeResource {

    static final String CSRF_COOKIE = "carechart_oauth_csrf";

    @Inject
    ConsentService consent;

    @Inject
    OAuthConfig config;

    @Inject
    Template consentPage;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Start an authorization (code flow with PKCE S256): shows the sign-in and consent page",
            description = "Errors the app can be told of are sent to its registered redirect_uri (error, error_description, "
                    + "state); an unknown client_id or a redirect_uri that is not registered exactly is shown on the page.")
    @APIResponse(responseCode = "200", description = "The sign-in page")
    @APIResponse(responseCode = "303", description = "Back to the app's redirect_uri with an OAuth error")
    @APIResponse(responseCode = "400", description = "Unknown app, or a redirect_uri it did not register")
    public Uni<Response> authorize(@QueryParam("response_type") String responseType, @QueryParam("client_id") String clientId,
                                   @QueryParam("redirect_uri") String redirectUri, @QueryParam("scope") String scope,
                                   @QueryParam("state") String state, @QueryParam("aud") String aud,
                                   @QueryParam("code_challenge") String codeChallenge,
                                   @QueryParam("code_challenge_method") String codeChallengeMethod,
                                   @QueryParam("nonce") String nonce, @Context HttpServerRequest request) {
        return consent.start(new ConsentService.AuthorizationRequest(responseType, clientId, redirectUri, scope, state, aud,
                codeChallenge, codeChallengeMethod, nonce)).chain(outcome -> respond(outcome, request));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The same authorization request by POST, and the page's own sign-in and decision forms",
            description = "Without `step` the form is an authorization request (as GET). `step=signin` (username, password) "
                    + "and `step=decide` (decision=approve|deny, patient, category..., offline_access, expiry) need the "
                    + "page's request_id and csrf field and its cookie; a cross-site post is refused with 403.")
    @APIResponse(responseCode = "200", description = "The next page")
    @APIResponse(responseCode = "303", description = "Back to the app's redirect_uri with a code or an OAuth error")
    @APIResponse(responseCode = "403", description = "The form was not posted from this server's own page")
    public Uni<Response> post(@RestForm String step, @RestForm("response_type") String responseType,
                              @RestForm("client_id") String clientId, @RestForm("redirect_uri") String redirectUri,
                              @RestForm String scope, @RestForm String state, @RestForm String aud,
                              @RestForm("code_challenge") String codeChallenge,
                              @RestForm("code_challenge_method") String codeChallengeMethod, @RestForm String nonce,
                              @RestForm("request_id") String requestId, @RestForm String csrf,
                              @Parameter(hidden = true) @RestCookie(CSRF_COOKIE) String csrfCookie,
                              @RestForm String username, @RestForm String password, @RestForm String decision,
                              @RestForm String patient, @RestForm("category") List<String> categories,
                              @RestForm("offline_access") String offline, @RestForm String expiry,
                              @Context HttpServerRequest request) {
        if (step == null) {
            return authorize(responseType, clientId, redirectUri, scope, state, aud, codeChallenge, codeChallengeMethod, nonce,
                    request);
        }
        if (!sameOrigin(request)) {
            return respond(new ConsentService.Show(ConsentPage.error(
                    "This form was not sent from Carechart's own page, so nothing was done."), 403, null), request);
        }
        Uni<ConsentService.Outcome> outcome = switch (step) {
            case "signin" -> consent.signIn(requestId, csrf, csrfCookie, username, password, ClientInfos.of(request));
            case "decide" -> consent.decide(requestId, csrf, csrfCookie, new ConsentService.Decision("approve".equals(decision),
                    patient, categories, offline != null, expiry), ClientInfos.of(request));
            default -> Uni.createFrom().item(new ConsentService.Show(ConsentPage.error("Unknown step."), 400, null));
        };
        return outcome
                .onFailure(ProblemException.class).recoverWithItem(e -> new ConsentService.Show(ConsentPage.error(
                        ((ProblemException) e).type().status() == 404 || ((ProblemException) e).type().status() == 403
                                ? "You may not share these records. Nothing was shared."
                                : "Carechart could not do this. Nothing was shared."), 403, null))
                .chain(answer -> respond(answer, request));
    }

    /**
     * A browser says where a form came from: Origin (and Sec-Fetch-Site) must name this server. A
     * client that sends neither is no browser being tricked, and still needs the CSRF token.
     */
    private static boolean sameOrigin(HttpServerRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null && !"same-origin".equals(fetchSite) && !"none".equals(fetchSite)) {
            return false;
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        String host = request.getHeader("Host");
        return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
    }

    private Uni<Response> respond(ConsentService.Outcome outcome, HttpServerRequest request) {
        if (outcome instanceof ConsentService.Redirect redirect) {
            return Uni.createFrom().item(guarded(Response.seeOther(redirect.location())).build());
        }
        ConsentService.Show show = (ConsentService.Show) outcome;
        return consentPage.data("page", show.page()).createUni().map(html -> {
            Response.ResponseBuilder builder = guarded(Response.status(show.status()))
                    .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html);
            if (show.csrfCookie() != null) {
                builder.cookie(new NewCookie.Builder(CSRF_COOKIE).value(show.csrfCookie()).path("/oauth2/authorize")
                        .httpOnly(true).secure(request.isSSL() || "https".equals(request.getHeader("X-Forwarded-Proto")))
                        .sameSite(NewCookie.SameSite.STRICT).maxAge((int) config.consentTtl().toSeconds()).build());
            }
            return builder.build();
        });
    }

    /** Never framed (clickjacking: X-Frame-Options here, CSP in common.SecurityHeaders), never cached, never referred. */
    private static Response.ResponseBuilder guarded(Response.ResponseBuilder builder) {
        // Content-Security-Policy (frame-ancestors 'none') is common.SecurityHeaders' consent policy
        return builder.header("X-Frame-Options", "DENY")
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                // same-origin, not no-referrer: with no-referrer a browser posts the page's own forms with
                // "Origin: null", and the origin check could not tell them from a sandboxed attacker's
                .header("Referrer-Policy", "same-origin");
    }
}
