package org.carechart.oauth;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One row of oauth_client, with the organization of the app's account. */
record RegisteredApp(String clientId, UUID accountId, UUID organizationId, String name, String clientType,
                     List<String> redirectUris, List<String> scopes, String purpose, String jwks, String jwksUrl,
                     Instant createdAt, Instant disabledAt) {

    RegisteredApp {
        redirectUris = List.copyOf(redirectUris);
        scopes = List.copyOf(scopes);
    }

    boolean confidential() {
        return "confidential".equals(clientType);
    }

    boolean active() {
        return disabledAt == null;
    }
}
