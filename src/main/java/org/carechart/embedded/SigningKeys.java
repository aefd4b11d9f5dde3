package org.carechart.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;

/**
 * The embedded issuer's RSA key pair, generated on first start and kept outside the repository
 * (the work folder is ignored by git). Returns the properties that point signing and
 * verification at it.
 */
public final class SigningKeys {

    private SigningKeys() {
    }

    public static Map<String, String> ensure(Path dir) {
        Path privateKey = dir.resolve("signing-key.pem");
        Path publicKey = dir.resolve("signing-key.pub.pem");
        try {
            if (!Files.exists(privateKey) || !Files.exists(publicKey)) {
                Files.createDirectories(dir);
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                try {
                    Files.setPosixFilePermissions(privateKey, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // Not a POSIX file system; the folder is still outside the repository.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the signing key in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
        return Map.of(
                "smallrye.jwt.sign.key.location", privateKey.toUri().toString(),
                "mp.jwt.verify.publickey.location", publicKey.toUri().toString());
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
