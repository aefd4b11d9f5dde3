package org.carechart.identity;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The request's {@link Caller}, built once from the verified JWT; an absent token yields an
 * anonymous caller. (A record cannot be a request-scoped bean itself: it cannot be proxied.)
 */
@RequestScoped
public class CurrentCaller {

    static final String PATIENT_CLAIM = "patient_id";
    static final String ORGANIZATION_CLAIM = "org";
    static final String NAME_CLAIM = "name";
    static final String SCOPE_CLAIM = "scope";
    /** Claims of tokens the OAuth authorization server issues to registered apps. */
    static final String CLIENT_ID_CLAIM = "client_id";
    static final String LAUNCH_PATIENT_CLAIM = "patient";
    static final String GRANT_CLAIM = "grant_id";

    @Inject
    JsonWebToken jwt;

    @Inject
    CurrentVertxRequest currentRequest;

    private Caller caller;

    /** The caller, who must have signed in: an anonymous request is a 401 (the resource's own mapper answers it). */
    public Caller authenticated() {
        Caller caller = get();
        if (caller.isAnonymous()) {
            throw new io.quarkus.security.UnauthorizedException();
        }
        return caller;
    }

    public Caller get() {
        if (caller == null) {
            caller = build();
        }
        return caller;
    }

    private Caller build() {
        Caller.ClientInfo client = clientInfo();
        if (jwt == null || jwt.getRawToken() == null) {
            return Caller.anonymous(client);
        }
        Set<Role> roles = jwt.getGroups().stream()
                .map(Role::fromClaim).flatMap(Optional::stream)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return new Caller(
                uuid(jwt.getSubject()),
                Optional.ofNullable(jwt.<String>getClaim(NAME_CLAIM)).orElse(jwt.getName()),
                roles,
                uuid(jwt.getClaim(PATIENT_CLAIM)),
                uuid(jwt.getClaim(ORGANIZATION_CLAIM)),
                scopes(jwt.getClaim(SCOPE_CLAIM)),
                client,
                appContext());
    }

    private Caller.AppContext appContext() {
        Object clientId = jwt.getClaim(CLIENT_ID_CLAIM);
        if (clientId == null) {
            return null;
        }
        String text = clientId instanceof jakarta.json.JsonString s ? s.getString() : clientId.toString();
        return new Caller.AppContext(text, uuid(jwt.getClaim(LAUNCH_PATIENT_CLAIM)), uuid(jwt.getClaim(GRANT_CLAIM)));
    }

    private Caller.ClientInfo clientInfo() {
        if (currentRequest == null || currentRequest.getCurrent() == null) {
            return Caller.ClientInfo.UNKNOWN;
        }
        HttpServerRequest request = currentRequest.getCurrent().request();
        String address = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        String agent = request.getHeader("User-Agent");
        return new Caller.ClientInfo(address, agent == null ? null : agent.substring(0, Math.min(agent.length(), 256)));
    }

    private static Set<String> scopes(Object claim) {
        if (claim == null) {
            return Set.of();
        }
        String text = claim instanceof jakarta.json.JsonString s ? s.getString() : claim.toString();
        return Arrays.stream(text.split(" ")).filter(s -> !s.isBlank()).collect(Collectors.toSet());
    }

    private static UUID uuid(Object claim) {
        if (claim == null) {
            return null;
        }
        String text = claim instanceof jakarta.json.JsonString s ? s.getString() : claim.toString();
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
