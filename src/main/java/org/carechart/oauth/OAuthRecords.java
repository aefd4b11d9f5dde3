package org.carechart.oauth;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The rows of the authorization server's own tables, as typed records. */
final class OAuthRecords {

    private OAuthRecords() {
    }

    /** An authorization request waiting for the person's decision. */
    record ConsentRequest(UUID id, String clientId, byte[] csrfHash, String redirectUri, List<String> scopes, String state,
                          String nonce, String codeChallenge, UUID accountId, Instant expiresAt, Instant finishedAt) {
        ConsentRequest {
            scopes = List.copyOf(scopes);
        }

        boolean openAt(Instant now) {
            return finishedAt == null && expiresAt.isAfter(now);
        }
    }

    /** An authorization code: single use, short-lived, bound to client, redirect URI and PKCE challenge. */
    record AuthorizationCode(byte[] codeHash, String clientId, String redirectUri, String codeChallenge, List<String> scopes,
                             UUID accountId, UUID patientId, UUID grantId, String nonce, Instant expiresAt, Instant usedAt) {
        AuthorizationCode {
            scopes = List.copyOf(scopes);
        }
    }

    /** A refresh token of an app (offline_access), rotating within its family. */
    record AppRefreshToken(UUID id, UUID familyId, byte[] tokenHash, String clientId, UUID accountId, UUID patientId,
                           UUID grantId, List<String> scopes, Instant issuedAt, Instant expiresAt, Instant usedAt,
                           Instant revokedAt) {
        AppRefreshToken {
            scopes = List.copyOf(scopes);
        }

        boolean usableAt(Instant now) {
            return usedAt == null && revokedAt == null && expiresAt.isAfter(now);
        }
    }
}
