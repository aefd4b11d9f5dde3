package org.carechart.identity;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * Looks at a token's header before smallrye-jwt verifies it, and refuses what the verifier should
 * never act on: a header that points at or carries a key ({@code jku}, {@code x5u}, {@code jwk},
 * {@code x5c}: keys come from our configuration only), a {@code kid} that is not our key, anything
 * but a compact JWS, and tokens too large to be ours. The rest (algorithm allow-list RS256/ES256,
 * signature, exp, nbf, iss, aud, clock skew) is smallrye-jwt's own checking.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class KnownKeyJwtParser implements JWTParser {

    /** Our tokens are under 2 KB; 16 KB leaves room for an external provider's generous claims. */
    static final int MAX_TOKEN_LENGTH = 16 * 1024;
    private static final Set<String> KEY_BEARING_HEADERS = Set.of("jku", "x5u", "jwk", "x5c");

    @Inject
    DefaultJWTParser verifier;

    @Inject
    SigningKey signingKey;

    @Inject
    IdentityConfig config;

    /** Verified tokens, keyed by their SHA-256, kept until their exp: signature and claims are checked once per token. */
    private final VerifiedTokens verified = new VerifiedTokens(VerifiedTokens.DEFAULT_CAPACITY);

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        return parse(token, null);
    }

    /**
     * The verification smallrye-jwt asks for on every request. A token verified before and not yet
     * expired is answered from {@link VerifiedTokens}; only the signature and claims checks are
     * skipped that way: whatever runs after parsing (building the Caller, the account-status check)
     * runs on every request as before.
     */
    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        JsonWebToken known = verified.get(token);
        if (known != null) {
            return known;
        }
        checkHeader(token);
        JsonWebToken fresh = context == null ? verifier.parse(token) : verifier.parse(token, context);
        verified.put(token, fresh);
        return fresh;
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        checkHeader(token);
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        throw new ParseException("Symmetric signatures are not accepted");
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        throw new ParseException("Symmetric signatures are not accepted");
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        throw new ParseException("Encrypted tokens are not accepted");
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        throw new ParseException("Encrypted tokens are not accepted");
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        throw new ParseException("Encrypted tokens are not accepted");
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        checkHeader(token);
        return verifier.parseOnly(token);
    }

    private void checkHeader(String token) throws ParseException {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw new ParseException("Token missing or too large");
        }
        int firstDot = token.indexOf('.');
        int secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
        if (firstDot <= 0 || secondDot < 0 || token.indexOf('.', secondDot + 1) >= 0) {
            throw new ParseException("Not a compact JWS");
        }
        Map<String, Object> header;
        try {
            String json = new String(Base64.getUrlDecoder().decode(token.substring(0, firstDot)), StandardCharsets.UTF_8);
            header = JsonUtil.parseJson(json);
        } catch (IllegalArgumentException | JoseException | ClassCastException e) {
            throw new ParseException("Unreadable token header");
        }
        for (String name : KEY_BEARING_HEADERS) {
            if (header.containsKey(name)) {
                throw new ParseException("Token header names a key source");
            }
        }
        Object kid = header.get("kid");
        if (kid != null && config.requireKnownKeyId()
                && !(kid instanceof String text && signingKey.keyId().map(text::equals).orElse(false))) {
            throw new ParseException("Token names an unknown key");
        }
    }
}
