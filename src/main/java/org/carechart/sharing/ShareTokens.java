package org.carechart.sharing;

import org.carechart.common.BearerSecrets;

import java.util.HexFormat;

/** Share-link tokens: 256 random bits, base64url; only their SHA-256 is stored. */
final class ShareTokens {

    private ShareTokens() {
    }

    static String newToken() {
        return BearerSecrets.newSecret();
    }

    static String hash(String token) {
        return HexFormat.of().formatHex(BearerSecrets.sha256(token));
    }
}
