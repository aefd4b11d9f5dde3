package org.carechart.audit;

import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import org.carechart.common.SecretFiles;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The secret the audit chains are keyed with (HMAC-SHA256). The database never holds it, so someone
 * who can rewrite the tables still cannot make a rewritten chain verify.
 * <ul>
 * <li>{@code carechart.audit.chain-key}: the key itself, base64, at least 32 bytes (production: from a
 * secret store, the same on every instance);</li>
 * <li>or {@code carechart.audit.chain-key-file}: a file holding it, created with a random key (mode 0600)
 * when missing. The embedded default points it into its work folder; dev and test use
 * {@code .carechart/keys/audit-chain.key}.</li>
 * </ul>
 * A production start with neither refuses to run.
 */
@ApplicationScoped
public class AuditChainKey {

    private static final int MIN_BYTES = 32;

    private final SecretKeySpec key;
    private final String keyId;

    AuditChainKey(@ConfigProperty(name = "carechart.audit.chain-key") Optional<String> configured,
                  @ConfigProperty(name = "carechart.audit.chain-key-file") Optional<String> file) {
        byte[] secret;
        if (configured.isPresent() && !configured.get().isBlank()) {
            secret = Base64.getDecoder().decode(configured.get().strip());
        } else if (file.isPresent() && !file.get().isBlank()) {
            secret = ensureFile(Path.of(file.get()));
        } else if (LaunchMode.current() != LaunchMode.NORMAL) {
            secret = ensureFile(Path.of(System.getProperty("carechart.work.dir", ".carechart"), "keys", "audit-chain.key"));
        } else {
            throw new IllegalStateException("Set carechart.audit.chain-key (base64, 32 bytes or more) or "
                    + "carechart.audit.chain-key-file: the audit trail is keyed with a secret the database does not hold");
        }
        if (secret.length < MIN_BYTES) {
            throw new IllegalStateException("carechart.audit.chain-key must be at least " + MIN_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.keyId = keyId(secret);
    }

    /** A fresh MAC under the key (Mac objects are not thread-safe; this one is the caller's). */
    Mac mac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Names the key in each seal (the first 8 bytes of its SHA-256), so a later rotation knows which key sealed what. */
    String keyId() {
        return keyId;
    }

    private static String keyId(byte[] secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the key file, writing a random 32-byte key (base64, mode 0600) first if there is none. */
    public static byte[] ensureFile(Path path) {
        return Base64.getDecoder().decode(SecretFiles.ensure(path));
    }
}
