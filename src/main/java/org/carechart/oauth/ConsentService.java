package org.carechart.oauth;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.access.AccessService;
import org.carechart.access.DataCategory;
import org.carechart.access.SmartScopes;
import org.carechart.common.BearerSecrets;
import org.carechart.common.ProblemException;
import org.carechart.identity.AccountService;
import org.carechart.identity.Caller;
import org.carechart.identity.Role;
import org.carechart.identity.TokenService;
import org.carechart.identity.api.AccountView;
import org.carechart.oauth.OAuthRecords.AuthorizationCode;
import org.carechart.oauth.OAuthRecords.ConsentRequest;
import org.carechart.sharing.SharingService;
import org.carechart.sharing.api.GrantRequest;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The authorization endpoint's use case (SMART App Launch, standalone launch): check the app's
 * request, let the person sign in, show in plain words what the app asks for, and turn their
 * decision into a grant (through the sharing feature, so it is the grant they see and revoke in
 * their grants list) and a single-use code for the app.
 */
@ApplicationScoped
public class ConsentService {

    /** The expiry choices of the consent page: value, words, lifetime (null: until revoked). */
    private static final Map<String, Duration> EXPIRIES = new LinkedHashMap<>();
    private static final Map<String, String> EXPIRY_WORDS = Map.of("P1D", "For one day", "P30D", "For 30 days",
            "P90D", "For 3 months", "P365D", "For a year", "never", "Until I revoke it");

    static {
        EXPIRIES.put("P1D", Duration.ofDays(1));
        EXPIRIES.put("P30D", Duration.ofDays(30));
        EXPIRIES.put("P90D", Duration.ofDays(90));
        EXPIRIES.put("P365D", Duration.ofDays(365));
        EXPIRIES.put("never", null);
    }

    /** The query (or form) of an authorization request, as the app sent it. */
    public record AuthorizationRequest(String responseType, String clientId, String redirectUri, String scope, String state,
                                       String aud, String codeChallenge, String codeChallengeMethod, String nonce) {
    }

    /** What the person chose on the decision step. */
    public record Decision(boolean approve, String patient, List<String> categories, boolean offline, String expiry) {
    }

    /** Either a page to show (with its status and, for a new request, the CSRF cookie) or a redirect to the app. */
    public sealed interface Outcome permits Show, Redirect {
    }

    public record Show(ConsentPage page, int status, String csrfCookie) implements Outcome {
    }

    public record Redirect(URI location) implements Outcome {
    }

    @Inject
    AppService apps;

    @Inject
    OAuthRepository store;

    @Inject
    OAuthConfig config;

    @Inject
    TokenService identity;

    @Inject
    AccountService accounts;

    @Inject
    AccessService access;

    @Inject
    SharingService sharing;

    /** Checks the request; errors the app can be told of go back to its redirect URI, the rest are shown here. */
    @WithTransaction
    public Uni<Outcome> start(AuthorizationRequest request) {
        return apps.activeApp(request.clientId()).chain(app -> {
            if (app == null) {
                return show(ConsentPage.error("This app is not registered with Carechart, or it was disabled."), 400);
            }
            if (request.redirectUri() == null || !app.redirectUris().contains(request.redirectUri())) {
                return show(ConsentPage.error("This app asked to send you to an address it did not register, so Carechart "
                        + "stopped here. Nothing was shared."), 400);
            }
            String problem = null;
            String error = "invalid_request";
            List<String> scopes = Scopes.split(request.scope());
            if (!"code".equals(request.responseType())) {
                error = "unsupported_response_type";
                problem = "response_type must be code";
            } else if (request.codeChallenge() == null || request.codeChallenge().isEmpty()) {
                problem = "code_challenge is required (PKCE, S256)";
            } else if (!"S256".equals(request.codeChallengeMethod())) {
                problem = "code_challenge_method must be S256";
            } else if (!Pkce.wellFormed(request.codeChallenge())) {
                problem = "code_challenge must be 43 to 128 base64url characters";
            } else if (request.aud() == null || !stripSlash(request.aud()).equals(stripSlash(config.fhirBase()))) {
                problem = "aud must be this server's FHIR base URL";
            } else if (request.state() != null && request.state().length() > 1000) {
                problem = "state is too long";
            } else if (scopes.isEmpty()) {
                error = "invalid_scope";
                problem = "scope is required";
            } else {
                for (String scope : scopes) {
                    if (!Scopes.known(scope) || !Scopes.allowed(scope, app.scopes()) || scope.startsWith("system/")) {
                        error = "invalid_scope";
                        problem = "scope not registered for this app: " + Scopes.safe(scope);
                        break;
                    }
                }
            }
            if (problem != null) {
                return redirect(request.redirectUri(), Map.of("error", error, "error_description", problem), request.state());
            }
            String csrf = BearerSecrets.newSecret();
            Instant now = Instant.now();
            ConsentRequest pending = new ConsentRequest(UUID.randomUUID(), app.clientId(), BearerSecrets.sha256(csrf),
                    request.redirectUri(), scopes, request.state(), request.nonce(), request.codeChallenge(), null,
                    now.plus(config.consentTtl()), null);
            return store.insertConsent(pending).replaceWith(
                    new Show(ConsentPage.signIn(app.name(), pending.id().toString(), csrf, null), 200, csrf));
        });
    }

    /** The sign-in step: a wrong password shows the form again; success shows the decision step. */
    public Uni<Outcome> signIn(String requestId, String csrfField, String csrfCookie, String username, String password,
                               Caller.ClientInfo client) {
        return opened(requestId, csrfField, csrfCookie)
                .chain(checked -> {
                    if (checked.refusal != null) {
                        return Uni.createFrom().item(checked.refusal);
                    }
                    return identity.authenticate(username, password, client)
                            .map(person -> (Object) person)
                            .onFailure(ProblemException.class).recoverWithItem(e -> e)
                            .chain(result -> {
                                if (!(result instanceof Caller person)) {
                                    String message = result instanceof ProblemException p
                                            && p.type().status() == 429
                                            ? "Too many attempts. Wait a little, then try again."
                                            : "The username or password is wrong.";
                                    return Uni.createFrom().item((Outcome) new Show(ConsentPage.signIn(checked.app.name(),
                                            requestId, csrfField, message), 200, null));
                                }
                                return signedIn(checked, person, csrfField);
                            });
                });
    }

    /** The request checked in a transaction of its own, which has ended before the password is checked. */
    @WithTransaction
    Uni<Checked> opened(String requestId, String csrfField, String csrfCookie) {
        return openRequest(requestId, csrfField, csrfCookie);
    }

    /** The signed-in person noted on the request and the decision page, in a second transaction after the sign-in. */
    @WithTransaction
    Uni<Outcome> signedIn(Checked checked, Caller person, String csrfField) {
        return store.signedIn(checked.request.id(), person.accountId())
                .chain(() -> decisionPage(checked.app, checked.request, person, csrfField, null));
    }

    /** The decision step: deny sends access_denied back; approve creates the grant and a code. */
    @WithTransaction
    public Uni<Outcome> decide(String requestId, String csrfField, String csrfCookie, Decision decision,
                               Caller.ClientInfo client) {
        return openRequest(requestId, csrfField, csrfCookie).chain(checked -> {
            if (checked.refusal != null) {
                return Uni.createFrom().item(checked.refusal);
            }
            ConsentRequest request = checked.request;
            if (request.accountId() == null) {
                return show(ConsentPage.signIn(checked.app.name(), requestId, csrfField, "Please sign in first."), 200);
            }
            if (!decision.approve()) {
                return store.finish(request.id()).chain(() -> redirect(request.redirectUri(),
                        Map.of("error", "access_denied", "error_description", "The person declined"), request.state()));
            }
            return accounts.get(request.accountId()).chain(account -> {
                Caller person = caller(account, client);
                return approve(checked.app, request, person, decision, csrfField);
            });
        });
    }

    private Uni<Outcome> approve(RegisteredApp app, ConsentRequest request, Caller person, Decision decision, String csrf) {
        Set<DataCategory> asked = Scopes.categories(request.scopes());
        Set<DataCategory> chosen = EnumSet.noneOf(DataCategory.class);
        for (String code : decision.categories() == null ? List.<String>of() : decision.categories()) {
            DataCategory.fromCode(code).filter(asked::contains).ifPresent(chosen::add);
        }
        if (!asked.isEmpty() && chosen.isEmpty()) {
            return decisionPage(app, request, person, csrf, "Choose at least one kind of record, or deny.");
        }
        if (!EXPIRIES.containsKey(decision.expiry())) {
            return decisionPage(app, request, person, csrf, "Choose how long the app may have access.");
        }
        Duration lifetime = EXPIRIES.get(decision.expiry());
        Instant expiresAt = lifetime == null ? null : Instant.now().plus(lifetime).truncatedTo(ChronoUnit.SECONDS);
        Set<DataCategory> allowed = EnumSet.copyOf(chosen.isEmpty() ? EnumSet.of(DataCategory.DEMOGRAPHICS) : chosen);
        allowed.add(DataCategory.DEMOGRAPHICS);
        List<String> granted = new ArrayList<>(SmartScopes.narrow(request.scopes(), allowed));
        if (!decision.offline()) {
            granted.remove(Scopes.OFFLINE_ACCESS);
        }
        boolean userAccess = request.scopes().stream().anyMatch(s -> Scopes.resource(s, "user"));
        if (userAccess && (decision.patient() == null || decision.patient().isEmpty())) {
            if (!person.has(Role.PROVIDER) && !person.has(Role.STAFF)) {
                return decisionPage(app, request, person, csrf, "Only providers and staff can let an app act as them.");
            }
            granted.removeIf(s -> Scopes.resource(s, "patient") || Scopes.LAUNCH_PATIENT.equals(s));
            return issueCode(request, person.accountId(), null, null, granted);
        }
        UUID patientId;
        try {
            patientId = UUID.fromString(decision.patient());
        } catch (RuntimeException e) {
            return decisionPage(app, request, person, csrf, "Choose whose records the app may see.");
        }
        granted.removeIf(s -> Scopes.resource(s, "user"));
        List<String> categories = chosen.stream().map(DataCategory::code).toList();
        return sharing.createGrant(person, patientId, new GrantRequest("app", app.accountId(),
                        categories.isEmpty() ? List.of(DataCategory.DEMOGRAPHICS.code()) : categories, app.purpose(), expiresAt))
                .chain(grant -> issueCode(request, person.accountId(), patientId, grant.id(), granted));
    }

    private Uni<Outcome> issueCode(ConsentRequest request, UUID accountId, UUID patientId, UUID grantId, List<String> scopes) {
        String code = BearerSecrets.newSecret();
        AuthorizationCode row = new AuthorizationCode(BearerSecrets.sha256(code), request.clientId(), request.redirectUri(),
                request.codeChallenge(), scopes, accountId, patientId, grantId, request.nonce(),
                Instant.now().plus(config.codeTtl()), null);
        return store.insertCode(row).chain(() -> store.finish(request.id()))
                .chain(() -> redirect(request.redirectUri(), Map.of("code", code), request.state()));
    }

    private Uni<Outcome> decisionPage(RegisteredApp app, ConsentRequest request, Caller person, String csrf, String message) {
        boolean userAccess = request.scopes().stream().anyMatch(s -> Scopes.resource(s, "user"));
        boolean patientAccess = request.scopes().stream().anyMatch(s -> Scopes.resource(s, "patient"));
        return access.actingFor(person.accountId()).map(actingFor -> {
            List<ConsentPage.Choice> patients = new ArrayList<>();
            if (patientAccess && person.has(Role.PATIENT) && person.patientId() != null) {
                patients.add(new ConsentPage.Choice(person.patientId().toString(), "My own records (" + person.displayName() + ")",
                        true));
            }
            if (patientAccess) {
                actingFor.forEach(a -> patients.add(new ConsentPage.Choice(a.patientId().toString(),
                        a.givenName() + " " + a.familyName() + " (as their " + a.relationship() + ")", patients.isEmpty())));
            }
            boolean mayActAsUser = userAccess && (person.has(Role.PROVIDER) || person.has(Role.STAFF));
            if (patients.isEmpty() && !mayActAsUser) {
                return new Show(ConsentPage.error("Only a patient, or someone who acts for a patient, can approve this app. "
                        + "Nothing was shared."), 403, null);
            }
            List<ConsentPage.Choice> categories = Scopes.categories(request.scopes()).stream()
                    .filter(c -> c != DataCategory.DEMOGRAPHICS)
                    .map(c -> new ConsentPage.Choice(c.code(), Scopes.plainWords(c), true)).toList();
            List<ConsentPage.Choice> expiries = EXPIRIES.keySet().stream()
                    .map(k -> new ConsentPage.Choice(k, EXPIRY_WORDS.get(k), "P90D".equals(k))).toList();
            return (Outcome) new Show(new ConsentPage("consent", app.name(), request.id().toString(), csrf, message, patients,
                    categories, request.scopes().contains(Scopes.OFFLINE_ACCESS),
                    request.scopes().contains(Scopes.OPENID) || request.scopes().contains(Scopes.FHIR_USER),
                    mayActAsUser && patients.isEmpty(), expiries), 200, null);
        });
    }

    /** The consent request named by the form, if the form came from our own page (CSRF) and is still open. */
    private Uni<Checked> openRequest(String requestId, String csrfField, String csrfCookie) {
        UUID id;
        try {
            id = UUID.fromString(requestId);
        } catch (RuntimeException e) {
            return Uni.createFrom().item(Checked.refused(new Show(ConsentPage.error(
                    "This page is out of date. Go back to the app and start again."), 400, null)));
        }
        return store.consentForUpdate(id).chain(request -> {
            if (request == null || csrfField == null || csrfCookie == null
                    || !MessageDigest.isEqual(csrfField.getBytes(StandardCharsets.US_ASCII), csrfCookie.getBytes(StandardCharsets.US_ASCII))
                    || !MessageDigest.isEqual(BearerSecrets.sha256(csrfField), request.csrfHash())) {
                return Uni.createFrom().item(Checked.refused(new Show(ConsentPage.error(
                        "This form was not sent from Carechart's own page, so nothing was done."), 403, null)));
            }
            if (!request.openAt(Instant.now())) {
                return Uni.createFrom().item(Checked.refused(new Show(ConsentPage.error(
                        "This request has expired or was already answered. Go back to the app and start again."), 400, null)));
            }
            return apps.activeApp(request.clientId()).map(app -> app == null
                    ? Checked.refused(new Show(ConsentPage.error("This app was disabled."), 400, null))
                    : new Checked(request, app, null));
        });
    }

    record Checked(ConsentRequest request, RegisteredApp app, Outcome refusal) {
        static Checked refused(Outcome refusal) {
            return new Checked(null, null, refusal);
        }
    }

    private static Caller caller(AccountView account, Caller.ClientInfo client) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        account.roles().forEach(r -> Role.fromClaim(r).ifPresent(roles::add));
        return new Caller(account.id(), account.displayName(), roles, account.patientId(), account.organizationId(),
                Set.of(), client);
    }

    private static Uni<Outcome> show(ConsentPage page, int status) {
        return Uni.createFrom().item(new Show(page, status, null));
    }

    static Uni<Outcome> redirect(String redirectUri, Map<String, String> params, String state) {
        StringBuilder location = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
        Map<String, String> all = new LinkedHashMap<>(params);
        if (state != null) {
            all.put("state", state);
        }
        all.forEach((k, v) -> location.append(encode(k)).append('=').append(encode(v)).append('&'));
        location.setLength(location.length() - 1);
        return Uni.createFrom().item(new Redirect(URI.create(location.toString())));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
