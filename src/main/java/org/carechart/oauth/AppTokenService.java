package org.carechart.oauth;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.mutiny.Uni;
import org.carechart.access.SmartScopes;
import org.carechart.audit.AuditAction;
import org.carechart.audit.AuditEntry;
import org.carechart.audit.AuditService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.access.AccessService;
import org.carechart.access.Grant;
import org.carechart.access.GrantService;
import org.carechart.common.BearerSecrets;
import org.carechart.identity.AccessTokens;
import org.carechart.identity.AccountService;
import org.carechart.identity.Caller;
import org.carechart.identity.Role;
import org.carechart.identity.api.AccountView;
import org.carechart.oauth.OAuthRecords.AppRefreshToken;
import org.carechart.oauth.OAuthRecords.AuthorizationCode;
import org.carechart.oauth.api.AppTokenResponse;
import org.carechart.oauth.api.Introspection;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The token, revocation and introspection endpoints' use cases: authorization code + PKCE, rotating
 * refresh tokens (offline_access), Backend Services client credentials. Tokens are signed by
 * identity; a patient-approved token is bound to its grant, so revoking the grant ends the access
 * token (at the access policy) and the refresh token (here) at once.
 */
@ApplicationScoped
public class AppTokenService {

    /** Never more than five minutes, whatever the configuration says. */
    private static final Duration LONGEST_ACCESS_TOKEN = Duration.ofMinutes(5);

    /** How a client proves who it is: a public client names itself, a confidential one signs an assertion. */
    public record ClientAuth(String clientId, String assertionType, String assertion, Caller.ClientInfo client) {
    }

    @Inject
    AppService apps;

    @Inject
    OAuthRepository store;

    @Inject
    ClientAssertions assertions;

    @Inject
    AccessTokens tokens;

    @Inject
    AccountService accounts;

    @Inject
    GrantService grants;

    @Inject
    OAuthConfig config;

    @Inject
    JWTParser parser;

    @Inject
    AuditService audit;

    @Inject
    AccessService access;

    public Uni<AppTokenResponse> authorizationCode(ClientAuth auth, String code, String redirectUri, String verifier) {
        if (code == null || code.isEmpty() || redirectUri == null) {
            return Uni.createFrom().failure(OAuthException.invalidRequest("code and redirect_uri are required"));
        }
        if (verifier == null || verifier.isEmpty()) {
            return Uni.createFrom().failure(OAuthException.invalidRequest("code_verifier is required (PKCE)"));
        }
        byte[] hash = BearerSecrets.sha256(code);
        Instant now = Instant.now();
        return codeExchanged(auth, hash, redirectUri, verifier, now);
    }

    /** The code checked, used and exchanged in one transaction. */
    @WithTransaction
    Uni<AppTokenResponse> codeExchanged(ClientAuth auth, byte[] hash, String redirectUri, String verifier, Instant now) {
        return authenticate(auth).chain(app -> store.code(hash).chain(found -> {
            if (found == null || !found.clientId().equals(app.clientId())) {
                return invalidGrant("the code is unknown");
            }
            if (found.usedAt() != null) {
                return invalidGrant("the code was already used");
            }
            if (!found.expiresAt().isAfter(now)) {
                return invalidGrant("the code has expired");
            }
            if (!found.redirectUri().equals(redirectUri)) {
                return invalidGrant("redirect_uri differs from the authorization request's");
            }
            if (!Pkce.matches(verifier, found.codeChallenge())) {
                return invalidGrant("code_verifier does not match the code_challenge");
            }
            return store.useCode(hash).chain(used -> used == 0 ? invalidGrant("the code was already used")
                    : activeGrant(found.patientId(), found.grantId(), now).chain(active -> active
                    ? issue(auth, AuditAction.LOGIN, app, found.accountId(), found.patientId(), found.grantId(), found.scopes(),
                    found.nonce(), UUID.randomUUID(), now)
                    : invalidGrant("the patient has revoked this app's access")));
        }));
    }

    public Uni<AppTokenResponse> refresh(ClientAuth auth, String refreshToken, String scope) {
        if (refreshToken == null || refreshToken.isEmpty()) {
            return Uni.createFrom().failure(OAuthException.invalidRequest("refresh_token is required"));
        }
        byte[] hash = BearerSecrets.sha256(refreshToken);
        Instant now = Instant.now();
        // The transaction commits a family's revocation before the refusal is answered.
        return refreshed(auth, hash, scope, now).map(Attempt::orFail);
    }

    /** A refresh in one transaction, which commits even when it refuses (a family's revocation must hold). */
    @WithTransaction
    Uni<Attempt> refreshed(ClientAuth auth, byte[] hash, String scope, Instant now) {
        return authenticate(auth).chain(app -> store.refresh(hash).chain(found -> {
            if (found == null || !found.clientId().equals(app.clientId())) {
                return refused("the refresh token is unknown");
            }
            if (found.revokedAt() != null || !found.expiresAt().isAfter(now)) {
                return refused("the refresh token is expired or revoked");
            }
            if (found.usedAt() != null) {
                return store.revokeFamily(found.familyId()).chain(() -> refused("the refresh token was already used"));
            }
            List<String> scopes = found.scopes();
            if (scope != null && !scope.isBlank()) {
                List<String> asked = Scopes.split(scope);
                if (!found.scopes().containsAll(asked)) {
                    return Uni.createFrom().failure(OAuthException.invalidScope("scope may only narrow the original grant"));
                }
                scopes = asked;
            }
            List<String> granted = scopes;
            return activeGrant(found.patientId(), found.grantId(), now).chain(active -> {
                if (!active) {
                    return store.revokeFamily(found.familyId()).chain(() -> refused("the patient has revoked this app's access"));
                }
                return store.useRefresh(found.id()).chain(used -> used == 0
                        ? store.revokeFamily(found.familyId()).chain(() -> refused("the refresh token was already used"))
                        : issue(auth, AuditAction.TOKEN_REFRESH, app, found.accountId(), found.patientId(), found.grantId(), granted,
                        null, found.familyId(), now)
                        .map(Attempt::ok));
            });
        }));
    }

    public Uni<AppTokenResponse> clientCredentials(ClientAuth auth, String scope) {
        if (auth.assertion() == null) {
            return Uni.createFrom().failure(OAuthException.invalidClient(
                    "client_credentials needs private_key_jwt client authentication"));
        }
        Instant now = Instant.now();
        return clientCredentialsIssued(auth, scope, now);
    }

    /** The client authenticated, the token signed and its issue recorded, in one transaction. */
    @WithTransaction
    Uni<AppTokenResponse> clientCredentialsIssued(ClientAuth auth, String scope, Instant now) {
        return authenticate(auth).chain(app -> {
            List<String> scopes = Scopes.split(scope);
            if (scopes.isEmpty()) {
                return Uni.createFrom().failure(OAuthException.invalidScope("scope is required (system/ scopes)"));
            }
            for (String s : scopes) {
                if (!s.startsWith("system/") || !Scopes.known(s) || !Scopes.allowed(s, app.scopes())) {
                    return Uni.createFrom().failure(OAuthException.invalidScope("scope not registered for this client: "
                            + Scopes.safe(s)));
                }
            }
            Duration lifetime = shortest(config.accessTokenTtl());
            // a quality monitor (aggregate scopes only) is no app: its token opens measure reports, never a chart
            Role role = SmartScopes.aggregateOnly(scopes) ? Role.QUALITY : Role.APP;
            String token = tokens.signForApp(new AccessTokens.AppTokenClaims(app.accountId(), app.name(), Set.of(role),
                    app.organizationId(), app.clientId(), String.join(" ", scopes), null, null, List.of(config.fhirBase())),
                    now, lifetime);
            return audit.record(issued(auth, AuditAction.LOGIN, app, null, null, String.join(" ", scopes)))
                    .replaceWith(new AppTokenResponse(token, "Bearer", lifetime.toSeconds(), String.join(" ", scopes),
                    null, null, null, null));
        });
    }

    /** RFC 7009: revokes the refresh token's whole family; an unknown token, or another client's, changes nothing. */
    public Uni<Void> revoke(ClientAuth auth, String token) {
        if (token == null || token.isEmpty()) {
            return Uni.createFrom().failure(OAuthException.invalidRequest("token is required"));
        }
        return revoked(auth, token);
    }

    @WithTransaction
    Uni<Void> revoked(ClientAuth auth, String token) {
        return authenticate(auth).chain(app -> store.refresh(BearerSecrets.sha256(token))
                .chain(found -> found == null || !found.clientId().equals(app.clientId())
                        ? Uni.createFrom().voidItem() : store.revokeFamily(found.familyId())));
    }

    /** RFC 7662, for the client the token was issued to; anything else is {@code {"active": false}}. */
    public Uni<Introspection> introspect(ClientAuth auth, String token) {
        if (token == null || token.isEmpty()) {
            return Uni.createFrom().failure(OAuthException.invalidRequest("token is required"));
        }
        Instant now = Instant.now();
        return introspected(auth, token, now);
    }

    @WithTransaction
    Uni<Introspection> introspected(ClientAuth auth, String token, Instant now) {
        return authenticate(auth).chain(app -> {
            if (token.chars().filter(c -> c == '.').count() == 2) {
                return introspectAccessToken(app, token, now);
            }
            return store.refresh(BearerSecrets.sha256(token)).chain(found -> {
                if (found == null || !found.clientId().equals(app.clientId()) || !found.usableAt(now)) {
                    return Uni.createFrom().item(Introspection.INACTIVE);
                }
                return activeGrant(found.patientId(), found.grantId(), now).map(active -> active
                        ? new Introspection(true, String.join(" ", found.scopes()), app.clientId(),
                        found.expiresAt().getEpochSecond(), found.issuedAt().getEpochSecond(), found.accountId().toString(),
                        tokens.issuer(), found.patientId(), "refresh_token")
                        : Introspection.INACTIVE);
            });
        });
    }

    private Uni<Introspection> introspectAccessToken(RegisteredApp app, String token, Instant now) {
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token);
        } catch (Exception e) {
            return Uni.createFrom().item(Introspection.INACTIVE);
        }
        if (!app.clientId().equals(text(jwt.getClaim("client_id"))) || jwt.getExpirationTime() <= now.getEpochSecond()) {
            return Uni.createFrom().item(Introspection.INACTIVE);
        }
        UUID patient = uuid(text(jwt.getClaim("patient")));
        UUID grant = uuid(text(jwt.getClaim("grant_id")));
        return activeGrant(patient, grant, now).map(active -> active
                ? new Introspection(true, text(jwt.getClaim("scope")), app.clientId(), jwt.getExpirationTime(),
                jwt.getIssuedAtTime(), jwt.getSubject(), jwt.getIssuer(), patient, "Bearer")
                : Introspection.INACTIVE);
    }

    /** Who is asking; fails with invalid_client. Runs inside the caller's transaction. */
    private Uni<RegisteredApp> authenticate(ClientAuth auth) {
        String clientId = auth.clientId();
        if (auth.assertion() != null) {
            String issuer = unverifiedIssuer(auth.assertion());
            if (issuer == null || (clientId != null && !clientId.equals(issuer))) {
                return Uni.createFrom().failure(OAuthException.invalidClient("client_assertion names no client, or another one"));
            }
            clientId = issuer;
        }
        if (clientId == null || clientId.isEmpty()) {
            return Uni.createFrom().failure(OAuthException.invalidClient("client_id or client_assertion is required"));
        }
        return apps.activeApp(clientId).chain(app -> {
            if (app == null) {
                return Uni.createFrom().failure(OAuthException.invalidClient("unknown or disabled client"));
            }
            if (auth.assertion() != null || auth.assertionType() != null) {
                return assertions.verify(app, auth.assertionType(), auth.assertion()).replaceWith(app);
            }
            if (app.confidential()) {
                return Uni.createFrom().failure(OAuthException.invalidClient(
                        "a confidential client authenticates with private_key_jwt"));
            }
            return Uni.createFrom().item(app);
        });
    }

    /**
     * The audit event of a token handed to an app, in the same transaction as the code or refresh
     * token it consumed: who received access to which patient's chart, under which grant and scope.
     */
    private static AuditEntry issued(ClientAuth auth, AuditAction action, RegisteredApp app, UUID patientId, UUID grantId,
                                     String scope) {
        Caller appCaller = new Caller(app.accountId(), app.name(), Set.of(Role.APP), null, app.organizationId(), Set.of(),
                auth.client() == null ? Caller.ClientInfo.UNKNOWN : auth.client());
        return new AuditEntry(appCaller, action, patientId, "oauth-token", grantId == null ? app.clientId() : grantId.toString(),
                scope, grantId == null ? "app" : "grant", null, AuditEntry.AuditOutcome.SUCCESS);
    }

    private Uni<AppTokenResponse> issue(ClientAuth auth, AuditAction action, RegisteredApp app, UUID personId, UUID patientId,
                                        UUID grantId, List<String> scopes, String nonce, UUID familyId, Instant now) {
        return audit.record(issued(auth, action, app, patientId, grantId, String.join(" ", scopes)))
                .chain(() -> accounts.get(personId))
                .chain(person -> fhirUser(person, patientId, scopes).chain(fhirUser -> {
            boolean userToken = patientId == null;
            Set<Role> personRoles = EnumSet.noneOf(Role.class);
            person.roles().forEach(r -> Role.fromClaim(r).ifPresent(personRoles::add));
            String scope = String.join(" ", scopes);
            Duration lifetime = shortest(config.accessTokenTtl());
            AccessTokens.AppTokenClaims claims = userToken
                    ? new AccessTokens.AppTokenClaims(person.id(), person.displayName(), personRoles, person.organizationId(),
                    app.clientId(), scope, null, null, List.of(config.fhirBase()))
                    : new AccessTokens.AppTokenClaims(app.accountId(), app.name(), Set.of(Role.APP), app.organizationId(),
                    app.clientId(), scope, patientId, grantId, List.of(config.fhirBase()));
            String accessToken = tokens.signForApp(claims, now, lifetime);
            String idToken = scopes.contains(Scopes.OPENID)
                    ? tokens.signIdToken(person.id(), app.clientId(), fhirUser, nonce, now, lifetime)
                    : null;
            if (!scopes.contains(Scopes.OFFLINE_ACCESS)) {
                return Uni.createFrom().item(new AppTokenResponse(accessToken, "Bearer", lifetime.toSeconds(), scope, patientId,
                        null, idToken, userToken ? null : Boolean.TRUE));
            }
            String refresh = BearerSecrets.newSecret();
            Duration refreshLifetime = app.confidential() ? config.confidentialRefreshTokenTtl() : config.publicRefreshTokenTtl();
            AppRefreshToken row = new AppRefreshToken(UUID.randomUUID(), familyId, BearerSecrets.sha256(refresh), app.clientId(),
                    person.id(), patientId, grantId, scopes, now, now.plus(refreshLifetime), null, null);
            return store.insertRefresh(row).replaceWith(new AppTokenResponse(accessToken, "Bearer", lifetime.toSeconds(), scope,
                    patientId, refresh, idToken, userToken ? null : Boolean.TRUE));
        }));
    }

    /**
     * The FHIR resource of who signed in, when the app asked for {@code openid fhirUser}: the patient
     * themselves, a provider, or, for a proxy, the RelatedPerson of their link to the patient (the
     * resource {@code GET /fhir/r4/RelatedPerson/{id}} serves).
     */
    private Uni<String> fhirUser(AccountView person, UUID patientId, List<String> scopes) {
        if (!scopes.contains(Scopes.OPENID) || !scopes.contains(Scopes.FHIR_USER)) {
            return Uni.createFrom().nullItem();
        }
        if (patientId != null && patientId.equals(person.patientId())) {
            return Uni.createFrom().item(config.fhirBase() + "/Patient/" + patientId);
        }
        if (person.roles().contains(Role.PROVIDER.claim()) || person.roles().contains(Role.STAFF.claim())) {
            return Uni.createFrom().item(config.fhirBase() + "/Practitioner/" + person.id());
        }
        if (patientId == null) {
            return Uni.createFrom().nullItem();
        }
        Instant now = Instant.now();
        return access.proxies(patientId).map(links -> links.stream()
                .filter(link -> link.proxyAccountId().equals(person.id()) && link.activeAt(now)).findFirst()
                .map(link -> config.fhirBase() + "/RelatedPerson/" + link.id()).orElse(null));
    }

    private Uni<Boolean> activeGrant(UUID patientId, UUID grantId, Instant now) {
        if (grantId == null) {
            return Uni.createFrom().item(true);
        }
        return grants.find(patientId, grantId).map(grant -> grant != null && grant.activeAt(now));
    }

    private static Duration shortest(Duration configured) {
        return configured.compareTo(LONGEST_ACCESS_TOKEN) > 0 ? LONGEST_ACCESS_TOKEN : configured;
    }

    private static String unverifiedIssuer(String assertion) {
        try {
            JsonWebSignature jws = (JsonWebSignature) JsonWebSignature.fromCompactSerialization(assertion);
            return JwtClaims.parse(jws.getUnverifiedPayload()).getIssuer();
        } catch (Exception e) {
            return null;
        }
    }

    private static <T> Uni<T> invalidGrant(String description) {
        return Uni.createFrom().failure(OAuthException.invalidGrant(description));
    }

    private static Uni<Attempt> refused(String description) {
        return Uni.createFrom().item(new Attempt(null, OAuthException.invalidGrant(description)));
    }

    /** A refresh that must commit (a family's revocation) even when it is refused. */
    record Attempt(AppTokenResponse response, OAuthException refusal) {
        static Attempt ok(AppTokenResponse response) {
            return new Attempt(response, null);
        }

        AppTokenResponse orFail() {
            if (refusal != null) {
                throw refusal;
            }
            return response;
        }
    }

    private static String text(Object claim) {
        if (claim == null) {
            return null;
        }
        return claim instanceof jakarta.json.JsonString s ? s.getString() : claim.toString();
    }

    private static UUID uuid(String text) {
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
