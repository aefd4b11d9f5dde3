package org.carechart.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** RFC 7636 with S256 only: {@code plain} is refused, since it protects nothing against a stolen code. */
final class Pkce {

    private static final String UNRESERVED_43_128 = "[A-Za-z0-9._~-]{43,128}";

    private Pkce() {
    }

    static boolean wellFormed(String challengeOrVerifier) {
        return challengeOrVerifier != null && challengeOrVerifier.matches(UNRESERVED_43_128);
    }

    static boolean matches(String verifier, String challenge) {
        if (!wellFormed(verifier)) {
            return false;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            String computed = Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
            return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII),
                    challenge.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
