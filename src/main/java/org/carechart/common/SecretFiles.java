package org.carechart.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** A generated secret kept in a file only its owner may read (mode 0600), created on first use. */
public final class SecretFiles {

    private SecretFiles() {
    }

    /** The secret in the file (base64 text, stripped), writing 32 random bytes there first if there is none. */
    public static String ensure(Path path) {
        try {
            Path file = path.toAbsolutePath();
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
                try {
                    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // Not a POSIX file system; the work folder is still outside the repository.
                }
                Files.writeString(temp, Base64.getEncoder().encodeToString(fresh));
                try {
                    Files.move(temp, file);
                } catch (IOException raced) {
                    Files.deleteIfExists(temp);
                }
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the secret file " + path, e);
        }
    }
}
