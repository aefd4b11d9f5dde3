package org.carechart.identity;

import io.quarkus.runtime.Startup;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;

import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded issuer's RSA key, read once at start-up (file reads never happen on the event
 * loop). Its key id is the RFC 7638 thumbprint of the public key, so it changes when the key does.
 * Without a configured signing key the service only verifies tokens of an external provider.
 */
@Startup
@ApplicationScoped
public class SigningKey {

    private static final Logger LOG = Logger.getLogger(SigningKey.class);

    @ConfigProperty(name = "smallrye.jwt.sign.key.location")
    Optional<String> location;

    private PrivateKey privateKey;
    private RsaJsonWebKey publicJwk;
    private String keyId;

    @PostConstruct
    void load() {
        if (location.isEmpty()) {
            LOG.info("No signing key configured: the embedded token issuer is off");
            return;
        }
        try {
            Key key = KeyUtils.readSigningKey(location.get(), null, SignatureAlgorithm.RS256);
            if (!(key instanceof RSAPrivateCrtKey rsa)) {
                throw new IllegalStateException("The signing key must be an RSA private key (PKCS#8 PEM)");
            }
            RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            publicJwk = new RsaJsonWebKey(publicKey);
            keyId = publicJwk.calculateBase64urlEncodedThumbprint("SHA-256");
            publicJwk.setKeyId(keyId);
            publicJwk.setAlgorithm("RS256");
            publicJwk.setUse("sig");
            privateKey = rsa;
        } catch (Exception e) {
            throw new IllegalStateException("Could not read the token signing key (" + e.getClass().getSimpleName() + ")");
        }
    }

    public boolean available() {
        return privateKey != null;
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    public Optional<String> keyId() {
        return Optional.ofNullable(keyId);
    }

    /** The public half as a JWK set, the shape OpenID Connect clients fetch from {@code jwks_uri}. */
    public Map<String, Object> jwks() {
        if (publicJwk == null) {
            return Map.of("keys", List.of());
        }
        return Map.of("keys", List.of(publicJwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
    }
}
