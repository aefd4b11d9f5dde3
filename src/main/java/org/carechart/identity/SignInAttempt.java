package org.carechart.identity;

import java.util.Set;
import java.util.UUID;

/**
 * A sign-in, token refresh or sign-out as the issuer saw it. {@code accountId} is null when the
 * username matched no account; the username itself is never recorded (it may be an e-mail address).
 */
public record SignInAttempt(Kind kind, boolean success, UUID accountId, String displayName, Set<Role> roles,
                            UUID organizationId, Caller.ClientInfo client) {

    public enum Kind {
        LOGIN, TOKEN_REFRESH, REFRESH_TOKEN_REUSE, LOGOUT,
        /** A bearer token refused with 401; {@code displayName} carries the reason ({@link RefusedTokens.Reason}). */
        TOKEN_REFUSED
    }

    public SignInAttempt {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }
}
