package org.carechart.oauth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import org.carechart.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.access.Grant;
import org.carechart.access.SmartScopes;
import org.carechart.audit.AuditAction;
import org.carechart.audit.AuditEntry;
import org.carechart.audit.AuditService;
import org.carechart.common.Problem;
import org.carechart.common.ProblemException;
import org.carechart.common.ProblemType;
import org.carechart.identity.AccountService;
import org.carechart.identity.Caller;
import org.carechart.oauth.api.AppRegistration;
import org.carechart.oauth.api.AppView;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Registered third-party apps, as admins manage them. Registering creates the app's account (the
 * grantee patients' grants name; it has no password) and its client record in one transaction, and
 * writes an audit event. Apps are disabled, never deleted: grants and audit rows keep naming them.
 */
@ApplicationScoped
public class AppService {

    @Inject
    AppRepository apps;

    @Inject
    AccountService accounts;

    @Inject
    AuditService audit;

    @Inject
    ObjectMapper json;

    @WithTransaction
    public Uni<AppView> register(Caller admin, AppRegistration request) {
        if (request == null) {
            return Uni.createFrom().failure(ProblemException.badRequest("A body is required."));
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        String clientId = request.clientId();
        if (clientId == null || !clientId.matches("[A-Za-z0-9._-]{3,64}")) {
            errors.add(new Problem.FieldError("clientId", "must be 3 to 64 letters, digits, '.', '_' or '-'"));
        }
        if (request.name() == null || request.name().isBlank() || request.name().length() > 100) {
            errors.add(new Problem.FieldError("name", "must be 1 to 100 characters"));
        }
        String type = request.clientType();
        if (!"public".equals(type) && !"confidential".equals(type)) {
            errors.add(new Problem.FieldError("clientType", "must be public or confidential"));
        }
        if (request.organizationId() == null) {
            errors.add(new Problem.FieldError("organizationId", "is required"));
        }
        List<String> redirectUris = request.redirectUris() == null ? List.of() : request.redirectUris();
        for (String uri : redirectUris) {
            if (!acceptableRedirect(uri)) {
                errors.add(new Problem.FieldError("redirectUris",
                        "each must be an absolute https URI (http only for localhost) without a fragment"));
                break;
            }
        }
        List<String> scopes = request.scopes() == null ? List.of() : request.scopes();
        if (scopes.isEmpty()) {
            errors.add(new Problem.FieldError("scopes", "must name at least one scope"));
        }
        for (String scope : scopes) {
            if (!Scopes.known(scope)) {
                errors.add(new Problem.FieldError("scopes", "not a scope this server grants: " + Scopes.safe(scope)));
            } else if (scope.startsWith("system/") && !"confidential".equals(type)) {
                errors.add(new Problem.FieldError("scopes", "system/ scopes need a confidential client"));
            }
        }
        if (scopes.stream().anyMatch(SmartScopes::aggregate) && !SmartScopes.aggregateOnly(scopes)) {
            errors.add(new Problem.FieldError("scopes", "a quality monitor's aggregate scopes (system/Measure.rs, "
                    + "system/MeasureReport.rs) may not be combined with other scopes"));
        }
        if (redirectUris.isEmpty() && scopes.stream().anyMatch(s -> !s.startsWith("system/"))) {
            errors.add(new Problem.FieldError("redirectUris", "is required for apps that people approve"));
        }
        String purpose = request.purpose() == null ? Grant.GrantPurpose.PERSONAL_USE.code() : request.purpose();
        if (Grant.GrantPurpose.fromCode(purpose).isEmpty()) {
            errors.add(new Problem.FieldError("purpose", "must be one of treatment, payment, operations, research, personal-use"));
        }
        String jwks = null;
        if (request.jwks() != null) {
            jwks = publicJwks(json.valueToTree(request.jwks()), errors);
        }
        String jwksUrl = request.jwksUrl();
        if (jwksUrl != null && !acceptableJwksUrl(jwksUrl)) {
            errors.add(new Problem.FieldError("jwksUrl", "must be an https URL (http only for localhost)"));
        }
        if ("confidential".equals(type) && jwks == null && jwksUrl == null) {
            errors.add(new Problem.FieldError("jwks", "a confidential app needs jwks or jwksUrl (private_key_jwt)"));
        }
        if ("public".equals(type) && (jwks != null || jwksUrl != null)) {
            errors.add(new Problem.FieldError("clientType", "an app with keys is confidential"));
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(new ProblemException(ProblemType.VALIDATION, "The request has invalid fields.", errors));
        }
        String keys = jwks;
        return apps.exists(clientId).chain(taken -> {
            if (taken) {
                return Uni.createFrom().failure(ProblemException.conflict("That client id is taken."));
            }
            return accounts.createAppAccount(clientId, request.name(), request.organizationId())
                    .chain(accountId -> {
                        RegisteredApp app = new RegisteredApp(clientId, accountId, request.organizationId(),
                                request.name().strip(), type, redirectUris, scopes, purpose, keys, jwksUrl,
                                Instant.now().truncatedTo(ChronoUnit.MICROS), null);
                        return apps.insert(app, admin.accountId()).replaceWith(app);
                    })
                    .call(app -> audit.record(AuditEntry.success(admin, AuditAction.CREATE, null, "admin",
                            "oauth-client", clientId)))
                    .map(this::view);
        });
    }

    @WithTransaction
    public Uni<Page<AppView>> list() {
        return apps.all().map(found -> new Page<>(found.stream().map(this::view).toList(), null));
    }

    @WithTransaction
    public Uni<AppView> get(String clientId) {
        return apps.byClientId(clientId).map(app -> {
            if (app == null) {
                throw ProblemException.notFound();
            }
            return view(app);
        });
    }

    /** Disables the app: it gets no new tokens, and its refresh tokens stop working. Idempotent. */
    @WithTransaction
    public Uni<Void> disable(Caller admin, String clientId) {
        return apps.byClientId(clientId).chain(app -> {
            if (app == null) {
                return Uni.createFrom().failure(ProblemException.notFound());
            }
            return apps.disable(clientId).chain(changed -> changed == 0 ? Uni.createFrom().voidItem()
                    : audit.record(AuditEntry.success(admin, AuditAction.REVOKE, null, "admin", "oauth-client", clientId)));
        });
    }

    /** Null when there is no such app or it is disabled. */
    Uni<RegisteredApp> activeApp(String clientId) {
        if (clientId == null || clientId.length() > 64) {
            return Uni.createFrom().nullItem();
        }
        return apps.byClientId(clientId).map(app -> app != null && app.active() ? app : null);
    }

    AppView view(RegisteredApp app) {
        return new AppView(app.clientId(), app.name(), app.clientType(), app.accountId(), app.organizationId(),
                app.redirectUris(), app.scopes(), app.purpose(), readTree(app.jwks()), app.jwksUrl(), app.createdAt(),
                app.disabledAt());
    }

    @SuppressWarnings("unchecked")
    private java.util.Map<String, Object> readTree(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, java.util.Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("oauth_client.jwks is not JSON", e);
        }
    }

    /** The key set as stored: public keys only; a private key sent by mistake is refused. */
    private String publicJwks(JsonNode jwks, List<Problem.FieldError> errors) {
        try {
            JsonNode keys = jwks.get("keys");
            if (keys == null || !keys.isArray() || keys.isEmpty()) {
                errors.add(new Problem.FieldError("jwks", "must be a JWK set: {\"keys\": [...]}"));
                return null;
            }
            for (JsonNode key : keys) {
                if (key.has("d") || key.has("p") || key.has("k")) {
                    errors.add(new Problem.FieldError("jwks", "must hold public keys only"));
                    return null;
                }
            }
            new org.jose4j.jwk.JsonWebKeySet(json.writeValueAsString(jwks));
            return json.writeValueAsString(jwks);
        } catch (JsonProcessingException | org.jose4j.lang.JoseException e) {
            errors.add(new Problem.FieldError("jwks", "is not a valid JWK set"));
            return null;
        }
    }

    static boolean acceptableRedirect(String uri) {
        if (uri == null || uri.length() > 500) {
            return false;
        }
        try {
            URI parsed = new URI(uri);
            if (!parsed.isAbsolute() || parsed.getFragment() != null || parsed.getHost() == null) {
                return false;
            }
            String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
            return "https".equals(scheme) || ("http".equals(scheme) && loopback(parsed.getHost()));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static boolean acceptableJwksUrl(String url) {
        return acceptableRedirect(url);
    }

    private static boolean loopback(String host) {
        return "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
    }
}
